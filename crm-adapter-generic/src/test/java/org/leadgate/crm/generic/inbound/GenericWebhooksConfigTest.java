package org.leadgate.crm.generic.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.crm.generic.inbound.Webhooks.FORMS;
import static org.leadgate.crm.generic.inbound.Webhooks.hmac;
import static org.leadgate.crm.generic.inbound.Webhooks.settings;
import static org.leadgate.crm.generic.inbound.Webhooks.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;
import org.leadgate.spi.InboundHook;

/** {@code crm.settings.inbound}: one hook per source; every bad key stops startup naming it. */
class GenericWebhooksConfigTest {
  private final TestClock clock = new TestClock();

  private ConfigException refused(Map<String, ?> source) {
    return assertThrows(ConfigException.class, () -> GenericWebhooks.from(settings(List.of(source)), clock, FORMS));
  }

  private static Map<String, Object> with(String key, Object value) {
    Map<String, Object> source = new HashMap<>(source(hmac(), Map.of()));
    source.put(key, value);
    return source;
  }

  private static Map<String, Object> without(String key) {
    Map<String, Object> source = new HashMap<>(source(hmac(), Map.of()));
    source.remove(key);
    return source;
  }

  @Test
  void eachSourceGetsAHookAtItsOwnPath() {
    Map<String, Object> crm = new HashMap<>(source(hmac(), Map.of()));
    crm.put("source", "crm-2");

    List<InboundHook> hooks = GenericWebhooks.from(settings(List.of(source(hmac(), Map.of()), crm)), clock, FORMS);

    assertEquals(List.of("/hooks/generic/shop", "/hooks/generic/crm-2"), hooks.stream().map(InboundHook::path)
        .toList());
  }

  @Test
  void withoutInboundThereAreNoHooks() {
    assertEquals(List.of(), GenericWebhooks.from(ConfigNode.of(
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(), "crm.settings"), clock, FORMS));
  }

  @Test
  void unknownKeyIsRefusedAtItsPath() {
    assertEquals("crm.settings.inbound[0].colour", refused(with("colour", "blue")).key());
    assertEquals("crm.settings.inbound[0].auth.hmac.algorithm", refused(with("auth",
        Map.of("hmac", Map.of("secret", Webhooks.SECRET, "algorithm", "md5")))).key());
  }

  @Test
  void sourceNameMustBeFitForAPath() {
    assertEquals("crm.settings.inbound[0].source", refused(with("source", "../admin")).key());
    assertEquals("crm.settings.inbound[0].source", refused(without("source")).key());
  }

  @Test
  void sameSourceTwiceIsRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> GenericWebhooks.from(
        settings(List.of(source(hmac(), Map.of()), source(hmac(), Map.of()))), clock, FORMS));

    assertEquals("crm.settings.inbound[1].source", e.key());
  }

  @Test
  void formIsRequired() {
    assertEquals("crm.settings.inbound[0].form", refused(without("form")).key());
  }

  @Test
  void aFormTheGatewayDoesNotHaveIsRefusedAtStartup() {
    ConfigException e = refused(with("form", "newsletter"));
    assertEquals("crm.settings.inbound[0].form", e.key());
    assertTrue(e.getMessage().contains("unknown form 'newsletter'"), e::getMessage);
  }

  @Test
  void exactlyOneAuthenticationIsRequired() {
    assertEquals("crm.settings.inbound[0].auth", refused(without("auth")).key());
    assertEquals("crm.settings.inbound[0].auth", refused(with("auth", Map.of())).key());
    assertEquals("crm.settings.inbound[0].auth", refused(with("auth", Map.of("hmac", Map.of("secret",
        Webhooks.SECRET), "bearer", Map.of("token", Webhooks.TOKEN)))).key());
  }

  @Test
  void shortSecretsAreRefusedWithoutBeingEchoed() {
    ConfigException hmacSecret = refused(with("auth", Map.of("hmac", Map.of("secret", "s3cr3t"))));
    ConfigException token = refused(with("auth", Map.of("bearer", Map.of("token", "t0k3n"))));

    assertEquals("crm.settings.inbound[0].auth.hmac.secret", hmacSecret.key());
    assertFalse(hmacSecret.getMessage().contains("s3cr3t"));
    assertEquals("crm.settings.inbound[0].auth.bearer.token", token.key());
    assertFalse(token.getMessage().contains("t0k3n"));
  }

  @Test
  void badHmacSettingsAreRefusedAtTheirKeys() {
    assertEquals("crm.settings.inbound[0].auth.hmac.tolerance", refused(with("auth",
        Map.of("hmac", Map.of("secret", Webhooks.SECRET, "tolerance", "2h")))).key());
    assertEquals("crm.settings.inbound[0].auth.hmac.tolerance", refused(with("auth",
        Map.of("hmac", Map.of("secret", Webhooks.SECRET, "tolerance", "soon")))).key());
    assertEquals("crm.settings.inbound[0].auth.hmac.signatureHeader", refused(with("auth",
        Map.of("hmac", Map.of("secret", Webhooks.SECRET, "signatureHeader", "X Signature")))).key());
  }

  @Test
  void mappingNeedsFieldsWithJsonPointers() {
    assertEquals("crm.settings.inbound[0].mapping", refused(without("mapping")).key());
    assertEquals("crm.settings.inbound[0].mapping.email", refused(with("mapping", Map.of("email",
        "contact.email"))).key());
    assertEquals("crm.settings.inbound[0].eventId", refused(with("eventId", "eventId")).key());
    assertEquals("crm.settings.inbound[0].crmRecordId", refused(with("crmRecordId", "record.id")).key());
    assertEquals("crm.settings.inbound[0].changedAt", refused(with("changedAt", "updatedAt")).key());
  }

  @Test
  void loopGuardNeedsPointerAndValue() {
    ConfigException e = refused(with("loopGuard", List.of(Map.of("pointer", "/lastModifiedBy"))));

    assertEquals("crm.settings.inbound[0].loopGuard[0].value", e.key());
    assertTrue(e.getMessage().contains("required"));
  }

  @Test
  void limitsMustBeInRange() {
    assertEquals("crm.settings.inbound[0].maxItems", refused(with("maxItems", 0)).key());
    assertEquals("crm.settings.inbound[0].maxBodyBytes", refused(with("maxBodyBytes", "a lot")).key());
  }
}
