package org.leadgate.web.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.testing.mmdb.GeoIpTestDatabases;
import org.leadgate.web.testing.EmbeddedGateway;
import org.leadgate.testing.Eventually;
import org.leadgate.web.testing.Http;
import org.leadgate.web.testing.StoredRows;
import org.leadgate.web.testing.TestConfig;

/**
 * Enrichment end to end: a form post through a trusted proxy is accepted at once, then enriched from a GeoIP2 City
 * database the test builds and from People Data Labs (WireMock, shaped like its company enrichment API) before it
 * reaches the CRM (WireMock) with each value's source.
 */
class EnrichmentIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PDL_ENRICH = "/v5/company/enrich";
  private static final String ACME = """
      {"status": 200, "name": "acme", "display_name": "ACME", "size": "51-200", "employee_count": 120,
       "industry": "computer software", "website": "acme.de", "founded": 1999,
       "location": {"locality": "berlin", "country": "germany"}, "likelihood": 9}
      """;

  @RegisterExtension
  static WireMockExtension crm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension pdl = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path directory;

  private EmbeddedGateway gateway;
  private StoredRows rows;

  private void startGateway(String pdlTimeout) throws Exception {
    startGateway(pdlTimeout, "intake:\n  trustedProxies: [127.0.0.1, \"::1\"]\n");
  }

  private void startGateway(String pdlTimeout, String intake) throws Exception {
    Path city = GeoIpTestDatabases.city("GeoIP2-City").write(directory.resolve("GeoIP2-City.mmdb"));
    crm.stubFor(post("/leads").willReturn(aResponse().withStatus(201)));
    TestConfig config = TestConfig.sqlite(directory).crmAt(crm.baseUrl() + "/leads")
        .withFields("{ name: country, type: text }", "{ name: company, type: text }")
        .with(intake)
        .with("enrichment:\n"
            + "  timeBudget: 1500ms\n"
            + "  accept: { fields: [company, industry] }\n"
            + "  providers:\n"
            + "    - name: geo\n      type: geoip2-database\n      settings: { path: " + city + " }\n"
            + "    - name: pdl\n      type: people-data-labs\n      timeout: " + pdlTimeout + "\n"
            + "      circuitBreaker: { window: 4, minimumCalls: 2 }\n"
            + "      settings: { apiKey: test-key, url: \"" + pdl.baseUrl() + "\" }\n");
    rows = config.rows();
    gateway = EmbeddedGateway.start(config.write());
  }

  @AfterEach
  void stopGateway() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private HttpResponse<String> postLead(String email, String clientIp) throws Exception {
    return Http.postForm(gateway.uri("/forms/contact"),
        Map.of("lastName", "Lovelace", "email", email, "country", "AT", "phone", "01 2345678"),
        "X-Forwarded-For", "198.51.100.99, " + clientIp, "Accept-Language", "de-DE,de;q=0.9,en;q=0.5");
  }

  private JsonNode deliveredLead(String leadId) throws Exception {
    Eventually.await("the lead is delivered", Duration.ofSeconds(15),
        () -> rows.outboxStatus(leadId).equals("delivered"));
    for (var event : crm.getAllServeEvents()) {
      JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
      if (body.get("leadId").asText().equals(leadId)) {
        return body;
      }
    }
    throw new AssertionError("the CRM did not receive " + leadId);
  }

  @Test
  void aLeadReachesTheCrmWithIpAndCompanyDataAndTheSourceOfEachValue() throws Exception {
    pdl.stubFor(get(urlPathEqualTo(PDL_ENRICH)).withQueryParam("website", equalTo("acme.de"))
        .willReturn(okJson(ACME)));
    startGateway("1s");

    assertEquals(303, postLead("ada@acme.de", GeoIpTestDatabases.LONDON_IPV4).statusCode());
    String leadId = rows.leadIds().get(0);
    JsonNode lead = deliveredLead(leadId);

    assertEquals("AT", lead.at("/fields/country").asText(), "a typed country is not replaced by the IP's");
    assertEquals("TYPED", lead.at("/provenance/country/source").asText());
    assertEquals("London", lead.at("/fields/city").asText(), "the client address behind the trusted proxy");
    assertEquals("IP_DERIVED", lead.at("/provenance/city/source").asText());
    assertEquals("provider:geo", lead.at("/provenance/city/origin").asText());
    assertEquals("ACME", lead.at("/fields/company").asText());
    assertEquals("computer software", lead.at("/fields/industry").asText());
    assertEquals("PROVIDER", lead.at("/provenance/industry/source").asText());
    assertEquals("provider:pdl", lead.at("/provenance/industry/origin").asText());
    assertEquals(0.9, lead.at("/provenance/industry/confidence").asDouble(), 1e-9);
    assertEquals("de-DE", lead.at("/fields/language").asText());
    assertEquals("REQUEST", lead.at("/provenance/language/source").asText());
    assertEquals("+4312345678", lead.at("/fields/phone").asText(), "E.164, read in the typed country");
    assertEquals("01 2345678", lead.at("/quality/phone/typed").asText(), "what was typed is kept");
    assertEquals("fixed-line", lead.at("/fields/phoneType").asText());
    pdl.verify(1, getRequestedFor(urlPathEqualTo(PDL_ENRICH)).withHeader("X-Api-Key", equalTo("test-key")));
    assertEquals("81.2.69.0", rows.value("SELECT client_ip FROM lead_requests WHERE lead_id = ?", leadId),
        "the stored address is cut to its /24 once looked up");
  }

  @Test
  void theSecondLeadOfTheSameCompanyMakesNoCallAndFreemailAddressesNone() throws Exception {
    pdl.stubFor(get(urlPathEqualTo(PDL_ENRICH)).willReturn(okJson(ACME)));
    startGateway("1s");

    postLead("ada@acme.de", GeoIpTestDatabases.LONDON_IPV4);
    postLead("grace@acme.de", GeoIpTestDatabases.LONDON_IPV4);
    postLead("hedy@gmail.com", GeoIpTestDatabases.LONDON_IPV4);
    List<String> leadIds = rows.leadIds();
    for (String leadId : leadIds) {
      deliveredLead(leadId);
    }

    List<LoggedRequest> calls = pdl.findAll(getRequestedFor(urlPathEqualTo(PDL_ENRICH)));
    assertEquals(1, calls.size(), "one lookup for acme.de, then the cache; none for a freemail domain");
    assertEquals("ACME", deliveredLead(leadIds.get(1)).at("/fields/company").asText());
    assertTrue(deliveredLead(leadIds.get(2)).at("/fields/company").isMissingNode());
  }

  @Test
  void aProviderThatTakesTenSecondsNeitherSlowsTheFormNorHoldsTheLeadBack() throws Exception {
    pdl.stubFor(get(urlPathEqualTo(PDL_ENRICH)).willReturn(okJson(ACME).withFixedDelay(10_000)));
    startGateway("500ms");

    long started = System.nanoTime();
    HttpResponse<String> response = postLead("ada@acme.de", GeoIpTestDatabases.LONDON_IPV4);
    Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);

    assertEquals(303, response.statusCode());
    assertTrue(answeredIn.compareTo(Duration.ofSeconds(5)) < 0,
        "the form is answered after the commit, never after enrichment (took " + answeredIn + ")");
    String leadId = rows.leadIds().get(0);
    JsonNode lead = deliveredLead(leadId);
    assertEquals("London", lead.at("/fields/city").asText(), "delivered with what was found");
    assertTrue(lead.at("/fields/industry").isMissingNode());
    assertEquals("gaps", rows.value("SELECT status FROM enrichments WHERE lead_id = ?", leadId));
    assertTrue(rows.value("SELECT gaps FROM enrichments WHERE lead_id = ?", leadId).contains("\"pdl\""),
        "the gap names the provider, for the re-enrichment job");
  }

  @Test
  void aForwardedForHeaderFromAProxyThatIsNotTrustedIsIgnored() throws Exception {
    pdl.stubFor(get(urlPathEqualTo(PDL_ENRICH)).willReturn(okJson(ACME)));
    startGateway("1s", "");

    assertEquals(303, postLead("ada@acme.de", GeoIpTestDatabases.LONDON_IPV4).statusCode());
    JsonNode lead = deliveredLead(rows.leadIds().get(0));

    assertTrue(lead.at("/fields/city").isMissingNode(),
        "the client is the loopback peer, which is never looked up; the header could be forged");
    assertEquals("ACME", lead.at("/fields/company").asText(), "the rest of the waterfall still runs");
  }

  @Test
  void healthShowsEachProviderWithItsRegionCircuitAndBudget() throws Exception {
    startGateway("1s");

    JsonNode health = JSON.readTree(Http.get(gateway.uri("/health/ready")).body());

    JsonNode providers = health.at("/enrichment/providers");
    assertEquals("local", providers.at("/geo/region").asText());
    assertEquals("third-country", providers.at("/pdl/region").asText());
    assertEquals("CLOSED", providers.at("/pdl/circuit").asText());
    assertEquals("loaded", providers.at("/geo/provider/state").asText());
    crm.verify(0, postRequestedFor(urlEqualTo("/leads")).withRequestBody(matchingJsonPath("$.leadId")));
  }
}
