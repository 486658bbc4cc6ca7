package org.leadgate.crm.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.leadgate.outbox.DeliveryWorker;
import org.leadgate.spi.PluginContext;
import org.leadgate.spi.InboundHook;
import org.leadgate.crm.salesforce.hooks.TestConfig;
import org.leadgate.config.FieldType;
import org.leadgate.config.FormConfig;
import org.junit.jupiter.api.Test;
import org.leadgate.config.ConfigException;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.CrmAdapterFactory;
import org.leadgate.spi.Plugins;
import org.leadgate.testing.MutableClock;

class SalesforceAdapterFactoryTest {
  private static final String MY_DOMAIN = "https://acme.my.salesforce.com";

  private final MutableClock clock = MutableClock.atFixedStart();

  @Test
  void service_loader_finds_the_factory_by_its_id() {
    CrmAdapterFactory factory = Plugins.crmAdapters(getClass().getClassLoader()).require("salesforce", "crm.adapter");

    assertInstanceOf(SalesforceAdapterFactory.class, factory);
  }

  @Test
  void takes_a_whole_worker_round_lingering_two_seconds_by_default_and_as_configured_otherwise() {
    try (CrmAdapter defaults = create(base())) {
      assertEquals(DeliveryWorker.MAX_BATCH, defaults.batchLimit(), "split into collections or one bulk job");
      assertEquals(Duration.ofSeconds(2), defaults.linger());
    }
    try (CrmAdapter configured = create(base().with("batch", Map.of("size", 50, "linger", "500ms")))) {
      assertEquals(DeliveryWorker.MAX_BATCH, configured.batchLimit());
      assertEquals(Duration.ofMillis(500), configured.linger());
    }
  }

  @Test
  void builds_the_outbound_message_and_web_to_lead_hooks_from_their_sections() {
    FormConfig form = TestConfig.form("salesforce-leads", List.of(TestConfig.field("lastName", FieldType.TEXT)),
        List.of());
    TestSettings settings = base()
        .with("outboundMessages", Map.of("organizationId", "00D5j000001uVaT", "secret", "s3cr3t-0123456789abcdef",
            "form", form.id(), "integrationUserId", "0055j000000Int1"))
        .with("webToLead", Map.of("organizationId", "00D5j000001uVaT", "form", form.id()));
    PluginContext context = new PluginContext(settings.node(), Path.of("target", "test-data"), clock, List.of(form));

    try (CrmAdapter adapter = new SalesforceAdapterFactory().create(context)) {
      assertEquals(List.of("/hooks/salesforce/outbound", "/servlet/servlet.WebToLead"),
          adapter.hooks().stream().map(InboundHook::path).toList());
    }
    assertKey("crm.settings.webToLead.form", base().with("webToLead",
        Map.of("organizationId", "00D5j000001uVaT", "form", "no-such-form")));
  }

  @Test
  void health_shows_the_flow_and_no_pause_before_any_call() {
    try (CrmAdapter adapter = create(base())) {
      Map<String, Object> health = adapter.health();
      assertEquals("jwt-bearer", health.get("flow"));
      assertEquals("62.0", health.get("apiVersion"));
      assertEquals(false, health.get("paused"));
      assertEquals(0.8, health.get("maxDailyShare"));
    }
  }

  @Test
  void an_unknown_key_is_named() {
    assertKey("crm.settings.externalId", base().with("externalId", "LeadGate_Id__c"));
    assertKey("crm.settings.auth.secret", TestSettings.clientCredentials(MY_DOMAIN, "s").with("auth",
        Map.of("flow", "client-credentials", "clientId", "id", "secret", "s")));
    assertKey("crm.settings.batch.count", base().with("batch", Map.of("count", 10)));
    assertKey("crm.settings.consent.flags", base().with("consent", Map.of("flags", true)));
    assertKey("crm.settings.scoring.points", base().with("scoring", Map.of("points", "Score__c")));
  }

  @Test
  void bad_values_are_named_with_their_key() {
    assertKey("crm.settings.apiVersion", base().with("apiVersion", "45.0"));
    assertKey("crm.settings.apiVersion", base().with("apiVersion", "v62"));
    assertKey("crm.settings.batch.size", base().with("batch", Map.of("size", 201)));
    assertKey("crm.settings.duplicates", base().with("duplicates", "merge"));
    assertKey("crm.settings.limits.maxDailyShare", base().with("limits", Map.of("maxDailyShare", 1.5)));
    assertKey("crm.settings.limits.maxDailyShare", base().with("limits", Map.of("maxDailyShare", "most")));
    assertKey("crm.settings.timeout", base().with("timeout", "11m"));
    assertKey("crm.settings.externalIdField", base().with("externalIdField", "LeadGate Id"));
    assertKey("crm.settings.autoAssign", base().with("autoAssign", "yes"));
    assertKey("crm.settings.fields.email", base().with("fields", Map.of("email", "E-mail")));
    assertKey("crm.settings.fieldLengths.City", base().with("fieldLengths", Map.of("City", "long")));
    assertKey("crm.settings.picklists[0].values", base().with("picklists", List.of(Map.of("field", "CountryCode",
        "values", Map.of()))));
    assertKey("crm.settings.consent.mode", base().with("consent", Map.of("mode", "strict")));
    assertKey("crm.settings.consent.purposes", base().with("consent", Map.of("mode", "full")));
    assertKey("crm.settings.consent.purposes", base().with("consent", Map.of("purposes", Map.of("a", "b"))));
    assertKey("crm.settings.consent.checkboxes.fax.newsletter",
        base().with("consent", Map.of("checkboxes", Map.of("fax.newsletter", "Fax__c"))));
    assertKey("crm.settings.bulk.threshold", base().with("bulk", Map.of("threshold", 0)));
    assertKey("crm.settings.auth.sessionTimeout", base().with("auth", Map.of("clientId", "id", "username", "u",
        "privateKey", SalesforceEmulator.privateKeyPem(), "sessionTimeout", "5m")));
  }

  @Test
  void auth_settings_are_checked_per_flow() {
    assertKey("crm.settings.auth.clientId", base().with("auth", Map.of("username", "u",
        "privateKey", SalesforceEmulator.privateKeyPem())));
    assertKey("crm.settings.auth.flow", base().with("auth", Map.of("flow", "password", "clientId", "id")));
    assertKey("crm.settings.auth.privateKey", base().with("auth", Map.of("clientId", "id", "username", "u")));
    assertKey("crm.settings.auth.clientSecret", base().with("auth", Map.of("clientId", "id", "username", "u",
        "privateKey", SalesforceEmulator.privateKeyPem(), "clientSecret", "s")));
    assertKey("crm.settings.auth.privateKeyFile", base().with("auth", Map.of("clientId", "id", "username", "u",
        "privateKeyFile", "/nonexistent/key.pem")));
    assertKey("crm.settings.loginUrl", TestSettings.clientCredentials("https://login.salesforce.com", "s"));
    assertKey("crm.settings.loginUrl", TestSettings.clientCredentials("http://acme.my.salesforce.com", "s"));
  }

  @Test
  void a_pkcs1_key_fails_startup_with_the_conversion_command_and_without_the_key() {
    String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIEsecretmaterial\n-----END RSA PRIVATE KEY-----";

    ConfigException e = assertThrows(ConfigException.class, () -> create(base().with("auth",
        Map.of("clientId", "id", "username", "u", "privateKey", pkcs1))));

    assertEquals("crm.settings.auth.privateKey", e.key());
    assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    assertFalse(e.getMessage().contains("secretmaterial"), e.getMessage());
  }

  @Test
  void settings_keep_secrets_out_of_to_string() {
    SalesforceSettings settings = SalesforceSettings.from(
        TestSettings.clientCredentials(MY_DOMAIN, "very-secret-value").node());

    assertFalse(settings.toString().contains("very-secret-value"), settings.toString());
  }

  private static TestSettings base() {
    return TestSettings.clientCredentials(MY_DOMAIN, "s").with("auth", Map.of("flow", "jwt-bearer",
        "clientId", SalesforceEmulator.CLIENT_ID, "username", SalesforceEmulator.USERNAME,
        "privateKey", SalesforceEmulator.privateKeyPem()));
  }

  private CrmAdapter create(TestSettings settings) {
    return new SalesforceAdapterFactory().create(settings.context(clock));
  }

  private void assertKey(String key, TestSettings settings) {
    ConfigException e = assertThrows(ConfigException.class, () -> create(settings).close(), key);
    assertEquals(key, e.key(), e.getMessage());
  }
}
