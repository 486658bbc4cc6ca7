package org.leadgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.Gateway;
import org.leadgate.testing.MutableClock;

class EnrichmentConfigTest {
  @TempDir
  Path directory;

  private GatewayConfig parse(String enrichment, String formLines) {
    String yaml = "dataDirectory: " + directory + "\n" + enrichment + """
        forms:
          - id: contact
            fields:
              - { name: email, type: email }
        """ + formLines;
    try {
      return new ConfigLoader(Map.<String, String>of()::get)
          .parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final String TWO_PROVIDERS = """
      enrichment:
        providers:
          - { name: geo, type: geoip2-database, settings: { path: GeoIP2-City.mmdb } }
          - { name: pdl, type: people-data-labs, settings: { apiKey: k } }
      """;

  @Test
  void without_configuration_no_provider_is_asked_and_the_defaults_apply() {
    EnrichmentConfig config = parse("", "").enrichment();
    assertTrue(config.providers().isEmpty());
    assertEquals(Duration.ofSeconds(3), config.timeBudget());
    assertEquals(24, config.ipv4Prefix());
    assertEquals(48, config.ipv6Prefix());
  }

  @Test
  void a_form_names_its_own_providers_in_order_or_gets_every_configured_one() {
    assertEquals(Optional.of(List.of("pdl")), parse(TWO_PROVIDERS, "    enrichment: [pdl]\n").form("contact")
        .orElseThrow().enrichment());
    assertEquals(Optional.empty(), parse(TWO_PROVIDERS, "").form("contact").orElseThrow().enrichment());
  }

  @Test
  void a_form_naming_an_unknown_provider_is_refused_naming_the_key() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> parse(TWO_PROVIDERS, "    enrichment: [pdl, apollo]\n"));
    assertTrue(e.getMessage().contains("forms[0].enrichment[1]"), e.getMessage());
    assertTrue(e.getMessage().contains("apollo"), e.getMessage());
  }

  @Test
  void two_providers_with_one_name_are_refused() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse("""
        enrichment:
          providers:
            - { type: people-data-labs, settings: { apiKey: k } }
            - { type: people-data-labs, settings: { apiKey: l } }
        """, ""));
    assertTrue(e.getMessage().contains("enrichment.providers[1].name"), e.getMessage());
  }

  @Test
  void an_accept_field_that_enrichment_never_writes_is_refused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> parse("enrichment:\n  accept: { fields: [company, turnover] }\n", ""));
    assertTrue(e.getMessage().contains("enrichment.accept.fields[1]"), e.getMessage());
  }

  @Test
  void an_unknown_provider_type_stops_startup_naming_the_key_and_the_known_types() {
    GatewayConfig config = parse("""
        enrichment:
          providers:
            - { name: crystal-ball, type: clairvoyant }
        """, "");
    ConfigException e = assertThrows(ConfigException.class,
        () -> Gateway.start(config, getClass().getClassLoader(), MutableClock.atFixedStart()).close());
    assertTrue(e.getMessage().contains("enrichment.providers[0].type"), e.getMessage());
    assertTrue(e.getMessage().contains("people-data-labs"), e.getMessage());
  }

  @Test
  void a_bad_trusted_proxy_is_refused_naming_the_key() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> parse("intake:\n  trustedProxies: [10.0.0.0/33]\n", ""));
    assertTrue(e.getMessage().contains("intake.trustedProxies"), e.getMessage());
  }

  @Test
  void quality_settings_that_cannot_work_are_refused_naming_the_key() {
    ConfigException region = assertThrows(ConfigException.class,
        () -> parse("quality:\n  defaultRegion: XX\n", ""));
    assertTrue(region.getMessage().contains("quality.defaultRegion"), region.getMessage());
    ConfigException domain = assertThrows(ConfigException.class,
        () -> parse("quality:\n  disposableDomains: [\"not a domain\"]\n", ""));
    assertTrue(domain.getMessage().contains("quality.disposableDomains"), domain.getMessage());
  }
}
