package org.leadgate.crm.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadgate.config.ConfigException;
import org.leadgate.config.FieldType;
import org.leadgate.config.FormConfig;
import org.leadgate.crm.salesforce.hooks.TestConfig;
import org.leadgate.spi.InboundHook;

class SalesforceHooksTest {
  private static final FormConfig FORM = TestConfig.form("salesforce-leads",
      List.of(TestConfig.field("lastName", FieldType.TEXT)), List.of());
  private static final Map<String, Object> OUTBOUND = Map.of("organizationId", "00D5j000001uVaT",
      "secret", "s3cr3t-0123456789abcdef", "form", FORM.id(), "integrationUserId", "0055j000000Int1");
  private static final Map<String, Object> WEB_TO_LEAD = Map.of("organizationId", "00D5j000001uVaT",
      "form", FORM.id());

  @Test
  void builds_the_hooks_whose_sections_are_present() {
    assertEquals(List.of("/hooks/salesforce/outbound", "/servlet/servlet.WebToLead"), paths(Map.of(
        "outboundMessages", OUTBOUND, "webToLead", WEB_TO_LEAD)));
    assertEquals(List.of("/servlet/servlet.WebToLead"), paths(Map.of("webToLead", WEB_TO_LEAD)));
    assertEquals(List.of(), paths(Map.of("instanceUrl", "https://acme.my.salesforce.com")));
  }

  @Test
  void names_the_key_of_a_bad_hook_setting_below_crm_settings() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> paths(Map.of("webToLead", Map.of("organizationId", "00D5j000001uVaT", "form", "other"))));

    assertEquals("crm.settings.webToLead.form", error.key());
  }

  private static List<String> paths(Map<String, Object> settings) {
    return SalesforceHooks.from(TestConfig.section("crm.settings", settings), List.of(FORM)).stream()
        .map(InboundHook::path).toList();
  }
}
