package org.leadgate.enrichment.geoip;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.enrichment.geoip.GeoIpTesting.confidences;
import static org.leadgate.enrichment.geoip.GeoIpTesting.context;
import static org.leadgate.enrichment.geoip.GeoIpTesting.input;
import static org.leadgate.enrichment.geoip.GeoIpTesting.lookup;
import static org.leadgate.enrichment.geoip.GeoIpTesting.stderrOf;
import static org.leadgate.enrichment.geoip.GeoIpTesting.values;
import static org.leadgate.testing.mmdb.GeoIpTestDatabases.LONDON_IPV4;
import static org.leadgate.testing.mmdb.GeoIpTestDatabases.NUREMBERG_IPV6;
import static org.leadgate.testing.mmdb.GeoIpTestDatabases.UNKNOWN_IPV4;

import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.leadgate.config.ConfigException;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.EnrichmentProviderFactory;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.Region;
import org.leadgate.lead.Provenance;
import org.leadgate.testing.MutableClock;
import org.leadgate.testing.mmdb.GeoIpTestDatabases;
import org.leadgate.testing.mmdb.MmdbWriter;

class GeoIpDatabaseProviderTest {
  private static final String CITY_V4 = """
      {"path": "GeoIP2-City.mmdb"}""";

  @TempDir
  Path dataDirectory;

  private final MutableClock clock = MutableClock.atFixedStart();
  private EnrichmentProvider provider;

  @AfterEach
  void closeProvider() {
    if (provider != null) {
      provider.close();
    }
  }

  private EnrichmentProvider open(MmdbWriter database) {
    database.write(dataDirectory.resolve("GeoIP2-City.mmdb"));
    return openSettings(CITY_V4);
  }

  private EnrichmentProvider openSettings(String settingsJson) {
    provider = new GeoIpDatabaseFactory().create(context(settingsJson, dataDirectory, clock));
    return provider;
  }

  /** Moves a new version into place as geoipupdate does: written beside it, then renamed over it. */
  private void replace(String fileName, byte[] content) throws IOException {
    Path next = Files.write(dataDirectory.resolve(fileName + ".new"), content);
    Files.move(next, dataDirectory.resolve(fileName), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static MmdbWriter cityNamed(String city) {
    return new MmdbWriter("GeoIP2-City").insert("81.2.69.0/24", Map.of("city", Map.of("names", Map.of("en", city))));
  }

  @Test
  void a_city_database_gives_every_location_field_of_an_ipv4_address() {
    EnrichmentProvider city = open(GeoIpTestDatabases.city("GeoIP2-City"));

    ProviderResult result = lookup(city, LONDON_IPV4);

    assertEquals(Map.ofEntries(entry("country", "GB"), entry("countryName", "United Kingdom"),
        entry("region", "England"), entry("regionCode", "ENG"), entry("city", "London"), entry("postalCode", "EC1A"),
        entry("timeZone", "Europe/London"), entry("latitude", "51.5142"), entry("longitude", "-0.0931"),
        entry("accuracyRadiusKm", "10")), values(result));
    assertTrue(confidences(result).values().stream().allMatch(c -> c == 1.0), confidences(result).toString());
  }

  @Test
  void a_city_database_gives_every_location_field_of_an_ipv6_address_with_the_largest_subdivision() {
    EnrichmentProvider city = open(GeoIpTestDatabases.city("GeoLite2-City"));

    assertEquals(Map.ofEntries(entry("country", "DE"), entry("countryName", "Germany"), entry("region", "Bavaria"),
        entry("regionCode", "BY"), entry("city", "Nuremberg"), entry("postalCode", "90402"),
        entry("timeZone", "Europe/Berlin"), entry("latitude", "49.4478"), entry("longitude", "11.0683"),
        entry("accuracyRadiusKm", "20")), values(lookup(city, NUREMBERG_IPV6)));
  }

  @Test
  void a_country_database_gives_the_country_of_ipv4_and_ipv6_addresses() {
    EnrichmentProvider country = open(GeoIpTestDatabases.country("GeoIP2-Country"));

    assertEquals(Map.of("country", "GB", "countryName", "United Kingdom"), values(lookup(country, LONDON_IPV4)));
    assertEquals(Map.of("country", "DE", "countryName", "Germany"), values(lookup(country, NUREMBERG_IPV6)));
  }

  @Test
  void an_asn_database_gives_the_autonomous_system_of_ipv4_and_ipv6_addresses() {
    EnrichmentProvider asn = open(GeoIpTestDatabases.asn("GeoLite2-ASN"));

    assertEquals(Map.of("asn", "20712", "asOrganization", "Andrews & Arnold Ltd"), values(lookup(asn, LONDON_IPV4)));
    assertEquals(Map.of("asn", "24940", "asOrganization", "Hetzner Online GmbH"),
        values(lookup(asn, NUREMBERG_IPV6)));
  }

  @Test
  void an_isp_database_gives_the_isp_but_never_the_organisation_as_it_has_no_user_type() {
    EnrichmentProvider isp = open(GeoIpTestDatabases.isp("GeoIP2-ISP"));

    assertEquals(Map.of("asn", "20712", "asOrganization", "Andrews & Arnold Ltd", "isp", "Andrews & Arnold"),
        values(lookup(isp, LONDON_IPV4)));
    assertEquals(Map.of("asn", "24940", "asOrganization", "Hetzner Online GmbH", "isp", "Hetzner Online"),
        values(lookup(isp, NUREMBERG_IPV6)));
  }

  @Test
  void an_enterprise_database_names_the_organisation_of_a_business_ip_with_maxminds_confidence() {
    EnrichmentProvider enterprise = open(GeoIpTestDatabases.enterprise("GeoIP2-Enterprise"));

    ProviderResult result = lookup(enterprise, LONDON_IPV4);

    assertEquals(Map.ofEntries(entry("country", "GB"), entry("countryName", "United Kingdom"),
        entry("region", "England"), entry("regionCode", "ENG"), entry("city", "London"), entry("postalCode", "EC1A"),
        entry("timeZone", "Europe/London"), entry("latitude", "51.5142"), entry("longitude", "-0.0931"),
        entry("accuracyRadiusKm", "5"), entry("asn", "20712"), entry("asOrganization", "Andrews & Arnold Ltd"),
        entry("isp", "Andrews & Arnold"), entry("ipUserType", "business"),
        entry("ipOrganization", "Acme Widgets Ltd")), values(result));
    Map<String, Double> confidences = confidences(result);
    assertEquals(0.99, confidences.get("country"));
    assertEquals(0.99, confidences.get("countryName"));
    assertEquals(0.8, confidences.get("region"));
    assertEquals(0.8, confidences.get("regionCode"));
    assertEquals(0.5, confidences.get("city"));
    assertEquals(0.2, confidences.get("postalCode"));
    assertEquals(1.0, confidences.get("ipOrganization"));
  }

  @Test
  void an_enterprise_database_keeps_the_organisation_of_a_residential_ipv6_address_to_itself() {
    EnrichmentProvider enterprise = open(GeoIpTestDatabases.enterprise("GeoIP2-Enterprise"));

    ProviderResult result = lookup(enterprise, NUREMBERG_IPV6);

    assertEquals(Map.ofEntries(entry("country", "DE"), entry("countryName", "Germany"), entry("region", "Bavaria"),
        entry("regionCode", "BY"), entry("city", "Nuremberg"), entry("postalCode", "90402"),
        entry("timeZone", "Europe/Berlin"), entry("latitude", "49.4478"), entry("longitude", "11.0683"),
        entry("accuracyRadiusKm", "50"), entry("asn", "24940"), entry("asOrganization", "Hetzner Online GmbH"),
        entry("isp", "Hetzner Online"), entry("ipUserType", "residential")), values(result));
    assertEquals(0.3, confidences(result).get("city"));
  }

  @Test
  void a_db_ip_city_lite_database_gives_the_fields_it_has() {
    EnrichmentProvider dbIp = open(GeoIpTestDatabases.dbIpCity());

    assertEquals(Map.of("country", "GB", "countryName", "United Kingdom", "region", "England", "city", "London",
        "latitude", "51.5085", "longitude", "-0.12574"), values(lookup(dbIp, LONDON_IPV4)));
    assertEquals(Map.of("country", "DE", "countryName", "Germany", "region", "Bavaria", "city", "Nuremberg",
        "latitude", "49.4542", "longitude", "11.0775"), values(lookup(dbIp, NUREMBERG_IPV6)));
  }

  @Test
  void coordinates_near_zero_are_written_in_plain_decimals() {
    EnrichmentProvider city = open(new MmdbWriter("GeoIP2-City").insert("81.2.69.0/24",
        Map.of("location", Map.of("latitude", 0.00005, "longitude", -0.0001))));

    assertEquals(Map.of("latitude", "0.00005", "longitude", "-0.0001"), values(lookup(city, LONDON_IPV4)));
  }

  static Stream<Arguments> database_types() {
    Function<String, MmdbWriter> city = GeoIpTestDatabases::city;
    Function<String, MmdbWriter> country = GeoIpTestDatabases::country;
    Function<String, MmdbWriter> asn = GeoIpTestDatabases::asn;
    Function<String, MmdbWriter> isp = GeoIpTestDatabases::isp;
    Function<String, MmdbWriter> enterprise = GeoIpTestDatabases::enterprise;
    return Stream.of(
        Arguments.of("GeoIP2-City", city, "city"),
        Arguments.of("GeoLite2-City", city, "city"),
        Arguments.of("GeoIP2-City-Europe", city, "city"),
        Arguments.of("GeoIP2-Country", country, "country"),
        Arguments.of("GeoLite2-Country", country, "country"),
        Arguments.of("GeoLite2-ASN", asn, "asn"),
        Arguments.of("GeoIP2-ISP", isp, "isp"),
        Arguments.of("GeoIP2-Enterprise", enterprise, "ipUserType"),
        Arguments.of("DBIP-City-Lite", city, "city"),
        Arguments.of("DBIP-Country-Lite", country, "country"),
        Arguments.of("DBIP-ASN-Lite (compat=GeoLite2-ASN)", asn, "asn"),
        Arguments.of("DBIP-Location-ISP (compat=Enterprise)", enterprise, "ipUserType"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("database_types")
  void the_lookup_follows_the_database_type_in_the_metadata(String databaseType,
      Function<String, MmdbWriter> shape, String fieldOfThatKind) {
    EnrichmentProvider provider = open(shape.apply(databaseType));

    assertTrue(values(lookup(provider, LONDON_IPV4)).containsKey(fieldOfThatKind));
    assertTrue(values(lookup(provider, NUREMBERG_IPV6)).containsKey(fieldOfThatKind));
    assertEquals(databaseType, provider.health().get("databaseType"));
  }

  @Test
  void an_address_the_database_does_not_know_is_no_match() {
    EnrichmentProvider city = open(GeoIpTestDatabases.city("GeoIP2-City"));

    assertInstanceOf(ProviderResult.NoMatch.class, lookup(city, UNKNOWN_IPV4));
    assertInstanceOf(ProviderResult.NoMatch.class, lookup(city, "2a01:4f9::1"));
  }

  @Test
  void a_lead_without_an_ip_asks_for_nothing_and_an_ip_is_asked_for_by_its_address_only() {
    EnrichmentProvider city = open(GeoIpTestDatabases.city("GeoIP2-City"));
    EnrichmentInput noIp = new EnrichmentInput(input(LONDON_IPV4).lead(), Optional.empty(), Optional.empty(),
        Optional.empty());

    assertEquals(Optional.empty(), city.query(noIp));
    assertEquals(Map.of("ip", "2a01:4f8:c17:b8f:0:0:0:2"), city.query(input(NUREMBERG_IPV6)).orElseThrow()
        .parameters());
  }

  @Test
  void it_is_a_local_source_of_ip_derived_values() {
    EnrichmentProvider city = open(GeoIpTestDatabases.city("GeoIP2-City"));
    GeoIpDatabaseFactory factory = new GeoIpDatabaseFactory();

    assertFalse(city.remote());
    assertEquals(Provenance.Source.IP_DERIVED, city.source());
    assertEquals(Region.LOCAL, factory.defaultRegion());
    assertEquals("geoip2-database", factory.id());
  }

  @Test
  void health_shows_the_path_type_build_date_and_state() {
    open(GeoIpTestDatabases.city("GeoIP2-City"));

    assertEquals(Map.of("path", dataDirectory.resolve("GeoIP2-City.mmdb").toString(), "state", "loaded",
        "databaseType", "GeoIP2-City", "buildDate", "2026-01-05T00:00:00Z"), provider.health());
  }

  @Test
  void an_absolute_path_is_used_as_it_is() throws IOException {
    Path elsewhere = Files.createTempDirectory(dataDirectory, "elsewhere").resolve("asn.mmdb");
    GeoIpTestDatabases.asn("GeoLite2-ASN").write(elsewhere);

    EnrichmentProvider asn = openSettings("{\"path\": \"" + elsewhere + "\"}");

    assertEquals("20712", values(lookup(asn, LONDON_IPV4)).get("asn"));
  }

  @Test
  void a_new_file_is_used_after_the_next_check_and_not_before() throws IOException {
    EnrichmentProvider city = open(cityNamed("London"));
    replace("GeoIP2-City.mmdb", cityNamed("Manchester").toBytes());

    clock.advance(Duration.ofSeconds(59));
    assertEquals("London", values(lookup(city, LONDON_IPV4)).get("city"));

    clock.advance(Duration.ofSeconds(1));
    assertEquals("Manchester", values(lookup(city, LONDON_IPV4)).get("city"));
  }

  @Test
  void the_check_interval_is_configurable() throws IOException {
    GeoIpTestDatabases.city("GeoIP2-City").write(dataDirectory.resolve("GeoIP2-City.mmdb"));
    EnrichmentProvider city = openSettings("""
        {"path": "GeoIP2-City.mmdb", "reloadCheck": "5m"}""");
    replace("GeoIP2-City.mmdb", cityNamed("Manchester").toBytes());

    clock.advance(Duration.ofMinutes(4));
    assertEquals("London", values(lookup(city, LONDON_IPV4)).get("city"));
    clock.advance(Duration.ofMinutes(1));
    assertEquals("Manchester", values(lookup(city, LONDON_IPV4)).get("city"));
  }

  @Test
  void a_corrupt_replacement_keeps_the_data_in_use_and_a_good_one_at_a_later_check_is_taken() throws IOException {
    EnrichmentProvider city = open(cityNamed("London"));
    replace("GeoIP2-City.mmdb", "not a database".getBytes());
    clock.advance(Duration.ofSeconds(60));

    String log = stderrOf(() -> assertEquals("London", values(lookup(city, LONDON_IPV4)).get("city")));

    assertTrue(log.contains("event=enrichment.geoip_database_unusable provider=geoip path="
        + dataDirectory.resolve("GeoIP2-City.mmdb")), log);
    assertTrue(log.contains("action=keep_previous"), log);
    assertEquals("loaded", provider.health().get("state"));

    replace("GeoIP2-City.mmdb", cityNamed("Leeds").toBytes());
    clock.advance(Duration.ofSeconds(60));
    assertEquals("Leeds", values(lookup(city, LONDON_IPV4)).get("city"));
  }

  @Test
  void a_missing_file_disables_the_provider_with_a_warning_until_the_file_appears() throws IOException {
    String log = stderrOf(() -> openSettings(CITY_V4));
    EnrichmentProvider city = provider;

    assertTrue(log.contains("WARN"), log);
    assertTrue(log.contains("event=enrichment.geoip_database_missing provider=geoip key=" + GeoIpTesting.SETTINGS_PATH
        + ".path path=" + dataDirectory.resolve("GeoIP2-City.mmdb")), log);
    assertEquals(Optional.empty(), city.query(input(LONDON_IPV4)));
    assertEquals(Map.of("path", dataDirectory.resolve("GeoIP2-City.mmdb").toString(), "state", "disabled"),
        city.health());

    replace("GeoIP2-City.mmdb", GeoIpTestDatabases.city("GeoIP2-City").toBytes());
    assertEquals(Optional.empty(), city.query(input(LONDON_IPV4)), "before the next check");
    clock.advance(Duration.ofSeconds(60));

    assertEquals("London", values(lookup(city, LONDON_IPV4)).get("city"));
    assertEquals("loaded", city.health().get("state"));
  }

  @Test
  void a_corrupt_file_at_startup_fails_startup_naming_the_key_and_the_file() throws IOException {
    Files.write(dataDirectory.resolve("GeoIP2-City.mmdb"), new byte[4096]);

    ConfigException e = assertThrows(ConfigException.class, () -> openSettings(CITY_V4));

    assertEquals(GeoIpTesting.SETTINGS_PATH + ".path", e.key());
    assertTrue(e.getMessage().contains(dataDirectory.resolve("GeoIP2-City.mmdb").toString()), e.getMessage());
  }

  @Test
  void a_database_of_another_kind_fails_startup_naming_its_type() {
    new MmdbWriter("GeoIP2-Anonymous-IP").insert("81.2.69.0/24", Map.of("is_anonymous", true))
        .write(dataDirectory.resolve("GeoIP2-City.mmdb"));

    ConfigException e = assertThrows(ConfigException.class, () -> openSettings(CITY_V4));

    assertEquals(GeoIpTesting.SETTINGS_PATH + ".path", e.key());
    assertTrue(e.getMessage().contains("GeoIP2-Anonymous-IP"), e.getMessage());
  }

  @Test
  void settings_are_checked() {
    ConfigException missing = assertThrows(ConfigException.class, () -> openSettings("{}"));
    assertEquals(GeoIpTesting.SETTINGS_PATH + ".path", missing.key());

    ConfigException typo = assertThrows(ConfigException.class, () -> openSettings("""
        {"path": "GeoIP2-City.mmdb", "reloadEvery": "5m"}"""));
    assertEquals(GeoIpTesting.SETTINGS_PATH + ".reloadEvery", typo.key());

    ConfigException badDuration = assertThrows(ConfigException.class, () -> openSettings("""
        {"path": "GeoIP2-City.mmdb", "reloadCheck": "soon"}"""));
    assertEquals(GeoIpTesting.SETTINGS_PATH + ".reloadCheck", badDuration.key());
  }

  @Test
  void a_damaged_record_is_a_bad_response_and_the_log_never_shows_the_ip() throws IOException {
    byte[] database = GeoIpTestDatabases.city("GeoIP2-City").toBytes();
    Path file = Files.write(dataDirectory.resolve("GeoIP2-City.mmdb"), database);
    long dataStart;
    try (Reader reader = new Reader(file.toFile())) {
      Metadata metadata = reader.getMetadata();
      dataStart = metadata.nodeCount() * metadata.recordSize() / 4 + 16;
    }
    for (int i = 0; i < 64; i++) {
      database[(int) dataStart + i] = (byte) 0xFF;
    }
    Files.write(file, database);
    EnrichmentProvider city = openSettings(CITY_V4);

    String log = stderrOf(() -> {
      ProviderResult result = lookup(city, LONDON_IPV4);
      assertEquals(ProviderResult.Kind.BAD_RESPONSE, assertInstanceOf(ProviderResult.Failed.class, result).kind());
    });

    assertTrue(log.contains("event=enrichment.provider_failed provider=geoip kind=BAD_RESPONSE"), log);
    assertFalse(log.contains("81.2.69"), log);
  }

  @Test
  void both_factories_are_found_by_their_ids() {
    assertEquals(Set.of("geoip2-database", "geoip2-web-service"),
        ServiceLoader.load(EnrichmentProviderFactory.class).stream().map(p -> p.get().id())
            .filter(id -> id.startsWith("geoip2-")).collect(Collectors.toSet()));
  }
}
