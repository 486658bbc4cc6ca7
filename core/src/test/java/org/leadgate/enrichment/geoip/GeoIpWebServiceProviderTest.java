package org.leadgate.enrichment.geoip;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.enrichment.geoip.GeoIpTesting.confidences;
import static org.leadgate.enrichment.geoip.GeoIpTesting.context;
import static org.leadgate.enrichment.geoip.GeoIpTesting.input;
import static org.leadgate.enrichment.geoip.GeoIpTesting.values;
import static org.leadgate.testing.mmdb.GeoIpTestDatabases.LONDON_IPV4;
import static org.leadgate.testing.mmdb.GeoIpTestDatabases.NUREMBERG_IPV6;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.config.ConfigException;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.ProviderResult.Kind;
import org.leadgate.enrichment.Region;
import org.leadgate.lead.Provenance;
import org.leadgate.testing.MutableClock;

/** Against a WireMock emulation of MaxMind's GeoIP2 web services (GET /geoip/v2.1/{service}/{ip}, Basic auth). */
class GeoIpWebServiceProviderTest {
  private static final String ACCOUNT_ID = "42";
  private static final String LICENSE_KEY = "abcdef123456";
  private static final String ERROR_TYPE = "application/vnd.maxmind.com-error+json; charset=UTF-8; version=2.0";
  private static final String LONDON_PATH = "/geoip/v2.1/city/" + LONDON_IPV4;
  /** The library asks for an IPv6 address in its full form. */
  private static final String NUREMBERG_PATH = "/geoip/v2.1/city/2a01:4f8:c17:b8f:0:0:0:2";

  @RegisterExtension
  static final WireMockExtension MAXMIND = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path dataDirectory;

  /** MaxMind answers a request without valid credentials with 401, whatever it asks for. */
  @BeforeEach
  void refuseUnknownCredentials() {
    MAXMIND.stubFor(get(anyUrl()).atPriority(10).willReturn(error(401, "AUTHORIZATION_INVALID",
        "You have supplied an invalid MaxMind account ID and/or license key in the Authorization header.")));
  }

  private EnrichmentProvider provider(String extraSettings) {
    String settings = "{\"accountId\": " + ACCOUNT_ID + ", \"licenseKey\": \"" + LICENSE_KEY + "\", \"url\": \""
        + MAXMIND.baseUrl() + "\"" + extraSettings + "}";
    return new GeoIpWebServiceFactory().create(context(settings, dataDirectory, MutableClock.atFixedStart()));
  }

  private static ResponseDefinitionBuilder answer(String service, String json) {
    return aResponse().withStatus(200)
        .withHeader("Content-Type", "application/vnd.maxmind.com-" + service + "+json; charset=UTF-8; version=2.1")
        .withBody(json);
  }

  private static ResponseDefinitionBuilder error(int status, String code, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", ERROR_TYPE)
        .withBody("{\"code\": \"" + code + "\", \"error\": \"" + message + "\"}");
  }

  private static void stub(String path, ResponseDefinitionBuilder response) {
    MAXMIND.stubFor(get(urlEqualTo(path)).withBasicAuth(ACCOUNT_ID, LICENSE_KEY).willReturn(response));
  }

  private static ProviderResult lookup(EnrichmentProvider provider, String ip) {
    return GeoIpTesting.lookup(provider, ip);
  }

  private static Kind failure(ProviderResult result) {
    ProviderResult.Failed failed = assertInstanceOf(ProviderResult.Failed.class, result);
    assertFalse(failed.reason().contains("81.2.69"), failed.reason());
    return failed.kind();
  }

  private static final String CITY_LONDON = """
      {
        "city": {"geoname_id": 2643743, "names": {"de": "London", "en": "London", "ja": "ロンドン"}},
        "continent": {"code": "EU", "geoname_id": 6255148, "names": {"en": "Europe"}},
        "country": {"geoname_id": 2635167, "iso_code": "GB", "names": {"en": "United Kingdom"}},
        "location": {"accuracy_radius": 10, "latitude": 51.5142, "longitude": -0.0931,
                     "time_zone": "Europe/London"},
        "maxmind": {"queries_remaining": 54321},
        "postal": {"code": "EC1A"},
        "registered_country": {"geoname_id": 2635167, "iso_code": "GB", "names": {"en": "United Kingdom"}},
        "subdivisions": [
          {"geoname_id": 6269131, "iso_code": "ENG", "names": {"en": "England"}},
          {"geoname_id": 2648110, "iso_code": "LND", "names": {"en": "London"}}
        ],
        "traits": {"autonomous_system_number": 20712, "autonomous_system_organization": "Andrews & Arnold Ltd",
                   "domain": "aaisp.net.uk", "isp": "Andrews & Arnold", "organization": "Acme Widgets Ltd",
                   "ip_address": "81.2.69.160", "network": "81.2.69.0/24"}
      }""";

  @Test
  void the_city_service_gives_location_and_network_fields_but_no_organisation_without_a_user_type() {
    stub(LONDON_PATH, answer("city", CITY_LONDON));

    ProviderResult result = lookup(provider(""), LONDON_IPV4);

    assertEquals(Map.ofEntries(entry("country", "GB"), entry("countryName", "United Kingdom"),
        entry("region", "England"), entry("regionCode", "ENG"), entry("city", "London"), entry("postalCode", "EC1A"),
        entry("timeZone", "Europe/London"), entry("latitude", "51.5142"), entry("longitude", "-0.0931"),
        entry("accuracyRadiusKm", "10"), entry("asn", "20712"), entry("asOrganization", "Andrews & Arnold Ltd"),
        entry("isp", "Andrews & Arnold")), values(result));
    MAXMIND.verify(1, getRequestedFor(urlEqualTo(LONDON_PATH))
        .withHeader("Authorization", equalTo("Basic NDI6YWJjZGVmMTIzNDU2"))
        .withHeader("Accept", equalTo("application/json")));
  }

  @Test
  void an_ipv6_address_is_asked_for_by_its_full_form() {
    stub(NUREMBERG_PATH, answer("city", """
        {"country": {"iso_code": "DE", "names": {"en": "Germany"}},
         "subdivisions": [{"iso_code": "BY", "names": {"en": "Bavaria", "de": "Bayern"}}],
         "city": {"names": {"en": "Nuremberg"}},
         "location": {"accuracy_radius": 20, "latitude": 49.4478, "longitude": 11.0683, "time_zone": "Europe/Berlin"},
         "postal": {"code": "90402"},
         "traits": {"ip_address": "2a01:4f8:c17:b8f::2", "network": "2a01:4f8::/32"}}"""));

    assertEquals(Map.ofEntries(entry("country", "DE"), entry("countryName", "Germany"), entry("region", "Bavaria"),
        entry("regionCode", "BY"), entry("city", "Nuremberg"), entry("postalCode", "90402"),
        entry("timeZone", "Europe/Berlin"), entry("latitude", "49.4478"), entry("longitude", "11.0683"),
        entry("accuracyRadiusKm", "20")), values(lookup(provider(""), NUREMBERG_IPV6)));
  }

  @Test
  void insights_names_the_organisation_of_a_business_ip_with_maxminds_confidence() {
    stub("/geoip/v2.1/insights/" + LONDON_IPV4, answer("insights", """
        {
          "city": {"confidence": 25, "geoname_id": 2643743, "names": {"en": "London"}},
          "country": {"confidence": 75, "iso_code": "GB", "names": {"en": "United Kingdom"}},
          "location": {"accuracy_radius": 20, "average_income": 128321, "latitude": 51.5142,
                       "longitude": -0.0931, "time_zone": "Europe/London"},
          "postal": {"code": "EC1A", "confidence": 10},
          "subdivisions": [{"confidence": 50, "iso_code": "ENG", "names": {"en": "England"}}],
          "traits": {"autonomous_system_number": 20712, "autonomous_system_organization": "Andrews & Arnold Ltd",
                     "isp": "Andrews & Arnold", "organization": "Acme Widgets Ltd", "user_type": "business",
                     "user_count": 4, "static_ip_score": 32.5, "is_anonymous": false,
                     "ip_address": "81.2.69.160", "network": "81.2.69.0/24"}
        }"""));

    ProviderResult result = lookup(provider(", \"service\": \"insights\""), LONDON_IPV4);

    Map<String, String> values = values(result);
    assertEquals("business", values.get("ipUserType"));
    assertEquals("Acme Widgets Ltd", values.get("ipOrganization"));
    assertEquals("London", values.get("city"));
    Map<String, Double> confidences = confidences(result);
    assertEquals(0.75, confidences.get("country"));
    assertEquals(0.5, confidences.get("region"));
    assertEquals(0.25, confidences.get("city"));
    assertEquals(0.1, confidences.get("postalCode"));
    assertEquals(1.0, confidences.get("ipOrganization"));
  }

  @Test
  void insights_keeps_the_organisation_of_a_cellular_ip_to_itself() {
    stub("/geoip/v2.1/insights/" + LONDON_IPV4, answer("insights", """
        {"country": {"iso_code": "GB", "names": {"en": "United Kingdom"}},
         "traits": {"isp": "EE", "organization": "EE Mobile", "user_type": "cellular", "ip_address": "81.2.69.160",
                    "network": "81.2.69.0/24"}}"""));

    assertEquals(Map.of("country", "GB", "countryName", "United Kingdom", "isp", "EE", "ipUserType", "cellular"),
        values(lookup(provider(", \"service\": \"insights\""), LONDON_IPV4)));
  }

  @Test
  void the_country_service_gives_the_country_only() {
    stub("/geoip/v2.1/country/" + LONDON_IPV4, answer("country", """
        {"continent": {"code": "EU", "geoname_id": 6255148, "names": {"en": "Europe"}},
         "country": {"geoname_id": 2635167, "iso_code": "GB",
                     "names": {"en": "United Kingdom", "de": "Vereinigtes Königreich"}},
         "maxmind": {"queries_remaining": 54321},
         "registered_country": {"geoname_id": 2635167, "iso_code": "GB", "names": {"en": "United Kingdom"}},
         "traits": {"ip_address": "81.2.69.160", "network": "81.2.69.0/24"}}"""));

    assertEquals(Map.of("country", "GB", "countryName", "United Kingdom"),
        values(lookup(provider(", \"service\": \"country\""), LONDON_IPV4)));
  }

  @Test
  void an_address_not_in_the_database_is_no_match() {
    stub(LONDON_PATH, error(404, "IP_ADDRESS_NOT_FOUND", "The address 81.2.69.160 is not in the database."));

    assertInstanceOf(ProviderResult.NoMatch.class, lookup(provider(""), LONDON_IPV4));
  }

  @Test
  void a_reserved_address_is_no_match() {
    stub(LONDON_PATH, error(400, "IP_ADDRESS_RESERVED", "The value 81.2.69.160 belongs to a reserved range."));

    assertInstanceOf(ProviderResult.NoMatch.class, lookup(provider(""), LONDON_IPV4));
  }

  @Test
  void refused_credentials_are_unauthorized() {
    EnrichmentProvider wrongKey = new GeoIpWebServiceFactory().create(context("{\"accountId\": 42, \"licenseKey\": "
        + "\"wrong\", \"url\": \"" + MAXMIND.baseUrl() + "\"}", dataDirectory, MutableClock.atFixedStart()));
    stub(LONDON_PATH, answer("city", CITY_LONDON));

    assertEquals(Kind.UNAUTHORIZED, failure(lookup(wrongKey, LONDON_IPV4)));
  }

  @Test
  void an_account_without_funds_is_out_of_credits() {
    stub(LONDON_PATH, error(402, "INSUFFICIENT_FUNDS",
        "The license key you have provided does not have sufficient funds to use this service."));

    assertEquals(Kind.OUT_OF_CREDITS, failure(lookup(provider(""), LONDON_IPV4)));
  }

  @Test
  void an_account_without_permission_for_the_service_is_out_of_credits() {
    stub("/geoip/v2.1/insights/" + LONDON_IPV4, error(402, "PERMISSION_REQUIRED",
        "You do not have permission to use the service."));

    assertEquals(Kind.OUT_OF_CREDITS, failure(lookup(provider(", \"service\": \"insights\""), LONDON_IPV4)));
  }

  @Test
  void a_403_without_a_body_is_a_bad_response() {
    stub(LONDON_PATH, aResponse().withStatus(403));

    assertEquals(Kind.BAD_RESPONSE, failure(lookup(provider(""), LONDON_IPV4)));
  }

  @Test
  void another_error_code_is_a_bad_response() {
    stub(LONDON_PATH, error(400, "IP_ADDRESS_INVALID", "The value 81.2.69.160 is not a valid IP address."));

    ProviderResult result = lookup(provider(""), LONDON_IPV4);

    assertEquals(Kind.BAD_RESPONSE, failure(result));
    assertEquals("request refused: IP_ADDRESS_INVALID", ((ProviderResult.Failed) result).reason());
  }

  @Test
  void an_unreadable_answer_is_a_bad_response() {
    stub(LONDON_PATH, answer("city", "{\"country\": "));

    assertEquals(Kind.BAD_RESPONSE, failure(lookup(provider(""), LONDON_IPV4)));
  }

  @Test
  void server_errors_are_transient_and_not_retried_by_the_library() {
    stub(LONDON_PATH, aResponse().withStatus(500));
    stub(NUREMBERG_PATH, aResponse().withStatus(503));
    EnrichmentProvider provider = provider("");

    assertEquals(Kind.TRANSIENT, failure(lookup(provider, LONDON_IPV4)));
    assertEquals(Kind.TRANSIENT, failure(lookup(provider, NUREMBERG_IPV6)));
    MAXMIND.verify(1, getRequestedFor(urlEqualTo(LONDON_PATH)));
  }

  @Test
  void an_answer_slower_than_the_configured_timeout_is_transient() {
    stub(LONDON_PATH, answer("city", CITY_LONDON).withFixedDelay(2_000));

    long start = System.nanoTime();
    ProviderResult result = lookup(provider(", \"timeout\": \"300ms\""), LONDON_IPV4);

    assertEquals(Kind.TRANSIENT, failure(result));
    assertTrue(System.nanoTime() - start < Duration.ofMillis(1_500).toNanos());
  }

  @Test
  void a_shorter_call_timeout_applies_too() {
    stub(LONDON_PATH, answer("city", CITY_LONDON).withFixedDelay(2_000));
    EnrichmentProvider provider = provider(", \"timeout\": \"10s\"");

    long start = System.nanoTime();
    ProviderResult result = provider.lookup(provider.query(input(LONDON_IPV4)).orElseThrow(), Duration.ofMillis(300));

    assertEquals(Kind.TRANSIENT, failure(result));
    assertTrue(System.nanoTime() - start < Duration.ofMillis(1_500).toNanos());
  }

  @Test
  void a_refused_connection_is_transient() {
    EnrichmentProvider nowhere = new GeoIpWebServiceFactory().create(context("{\"accountId\": 42, \"licenseKey\": "
        + "\"k\", \"url\": \"http://127.0.0.1:1\"}", dataDirectory, MutableClock.atFixedStart()));

    assertEquals(Kind.TRANSIENT, failure(lookup(nowhere, LONDON_IPV4)));
  }

  @Test
  void it_is_a_remote_third_country_source_of_ip_derived_values() {
    EnrichmentProvider provider = provider(", \"service\": \"insights\"");
    GeoIpWebServiceFactory factory = new GeoIpWebServiceFactory();

    assertTrue(provider.remote());
    assertEquals(Provenance.Source.IP_DERIVED, provider.source());
    assertEquals(Map.of("service", "insights"), provider.health());
    assertEquals(Region.THIRD_COUNTRY, factory.defaultRegion());
    assertEquals("geoip2-web-service", factory.id());
  }

  @Test
  void settings_are_checked_and_errors_name_the_key() {
    assertEquals("accountId", badSettingsKey("{\"licenseKey\": \"k\"}"));
    assertEquals("accountId", badSettingsKey("{\"accountId\": \"abc\", \"licenseKey\": \"k\"}"));
    assertEquals("licenseKey", badSettingsKey("{\"accountId\": 42}"));
    assertEquals("service", badSettingsKey("{\"accountId\": 42, \"licenseKey\": \"k\", \"service\": \"omni\"}"));
    assertEquals("url", badSettingsKey("{\"accountId\": 42, \"licenseKey\": \"k\", \"url\": \"ftp://x\"}"));
    assertEquals("url", badSettingsKey(
        "{\"accountId\": 42, \"licenseKey\": \"k\", \"url\": \"https://geoip.maxmind.com/geoip/v2.1\"}"));
    assertEquals("timeout", badSettingsKey("{\"accountId\": 42, \"licenseKey\": \"k\", \"timeout\": \"50ms\"}"));
    assertEquals("host", badSettingsKey("{\"accountId\": 42, \"licenseKey\": \"k\", \"host\": \"x\"}"));
  }

  private String badSettingsKey(String settings) {
    ConfigException e = assertThrows(ConfigException.class, () -> new GeoIpWebServiceFactory()
        .create(context(settings, dataDirectory, MutableClock.atFixedStart())));
    assertTrue(e.key().startsWith(GeoIpTesting.SETTINGS_PATH + "."), e.key());
    return e.key().substring(GeoIpTesting.SETTINGS_PATH.length() + 1);
  }
}
