package org.leadgate.crm.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leadgate.config.ConfigException;
import org.leadgate.spi.CrmAdapterFactory;
import org.leadgate.spi.Plugins;

class GenericHttpAdapterFactoryTest {
  private static final String URL = "https://crm.example.com/api/leads";

  @Test
  void serviceLoaderFindsTheFactoryByItsId() {
    CrmAdapterFactory factory =
        Plugins.crmAdapters(getClass().getClassLoader()).require("generic-http", "crm.adapter");

    assertInstanceOf(GenericHttpAdapterFactory.class, factory);
    assertEquals("generic-http", factory.id());
  }

  @Test
  void readsTheShortFormAsBaseUrlPlusACreateThatPostsTheLead() {
    TargetSettings settings = SettingsReader.read(TestSettings.settings(Map.of(
        "url", URL,
        "header", Map.of("name", "Authorization", "value", "Bearer s3cret"),
        "timeout", "3s")));

    assertEquals(URL, settings.baseUrl().toString());
    assertEquals(Duration.ofSeconds(3), settings.timeout());
    assertEquals("POST", settings.create().orElseThrow().method());
    assertEquals(Optional.empty(), settings.update());
    assertEquals(Optional.empty(), settings.batch());
  }

  @Test
  void defaultsToATenSecondTimeoutAndNoBatching() {
    TargetSettings settings = SettingsReader.read(TestSettings.settings(Map.of("url", URL)));

    assertEquals(Duration.ofSeconds(10), settings.timeout());
    assertEquals(Optional.empty(), settings.batch());
  }

  @Test
  void keepsSecretsOutOfToString() {
    TargetSettings settings = SettingsReader.read(TestSettings.settings(Map.of(
        "url", URL, "auth", Map.of("type", "bearer", "token", "s3cret"),
        "signing", Map.of("secret", "hmac-s3cret"))));

    assertFalse(settings.toString().contains("s3cret"), settings.toString());
  }

  @Test
  void settingsWithoutUrlOrBaseUrlAreAConfigErrorAtTheBaseUrlKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> create(Map.of("timeout", "5s")));

    assertEquals("crm.settings.baseUrl", e.key());
  }

  @Test
  void urlThatIsNotHttpIsAConfigError() {
    ConfigException e = assertThrows(ConfigException.class, () -> create(Map.of("url", "ftp://crm.example.com/x")));

    assertEquals("crm.settings.url", e.key());
  }

  @Test
  void unknownKeyIsAConfigErrorNamingIt() {
    ConfigException e = assertThrows(ConfigException.class, () -> create(Map.of("url", URL, "method", "PUT")));

    assertEquals("crm.settings.method", e.key());
    assertTrue(e.getMessage().contains("method"), e.getMessage());
  }

  @Test
  void headerWithNameButNoValueIsAConfigError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> create(Map.of("url", URL, "header", Map.of("name", "Authorization"))));

    assertEquals("crm.settings.header.value", e.key());
  }

  @Test
  void headerNameThatIsNotAnHttpTokenIsAConfigError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> create(Map.of("url", URL, "header", Map.of("name", "X Api Key", "value", "k"))));

    assertEquals("crm.settings.header.name", e.key());
  }

  @Test
  void headerThatTheAdapterSetsItselfIsAConfigError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> create(Map.of("url", URL, "header", Map.of("name", "Idempotency-Key", "value", "k"))));

    assertEquals("crm.settings.header.name", e.key());
  }

  @Test
  void headerValueWithALineBreakIsAConfigErrorThatDoesNotEchoTheValue() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> create(Map.of("url", URL, "header", Map.of("name", "Authorization", "value", "Bearer a\nb"))));

    assertEquals("crm.settings.header.value", e.key());
    assertFalse(e.getMessage().contains("Bearer"), e.getMessage());
  }

  @Test
  void unknownKeyInTheHeaderIsAConfigError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> create(Map.of("url", URL, "header", Map.of("name", "A", "value", "b", "prefix", "c"))));

    assertEquals("crm.settings.header.prefix", e.key());
  }

  @Test
  void zeroOrUnreadableTimeoutIsAConfigError() {
    assertEquals("crm.settings.timeout",
        assertThrows(ConfigException.class, () -> create(Map.of("url", URL, "timeout", "0s"))).key());
    assertEquals("crm.settings.timeout",
        assertThrows(ConfigException.class, () -> create(Map.of("url", URL, "timeout", "soon"))).key());
  }

  private static void create(Map<String, ?> values) {
    new GenericHttpAdapterFactory()
        .create(TestSettings.context(values, java.time.Clock.systemUTC()))
        .close();
  }
}
