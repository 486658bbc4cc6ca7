package org.leadgate.enrichment.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leadgate.enrichment.http.HttpProviders.create;
import static org.leadgate.enrichment.http.HttpProviders.input;
import static org.leadgate.enrichment.http.HttpProviders.lookUp;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leadgate.enrichment.EnrichedValue;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.ProviderResult.Failed;
import org.leadgate.enrichment.ProviderResult.Kind;
import org.leadgate.lead.Provenance;

/** The {@code ipinfo} preset against WireMock playing IPinfo's IP lookup as documented. */
class IpinfoProviderTest extends JsonApiContract {
  private static final String TOKEN = "ipinfo-test-token";
  private static final String BUSINESS_IP = "38.104.128.99";
  private static final String BUSINESS = """
      {"ip": "38.104.128.99", "hostname": "gw.acme-corp.example", "city": "San Francisco", "region": "California",
       "country": "US", "loc": "37.7909,-122.4020", "postal": "94104", "timezone": "America/Los_Angeles",
       "asn": {"asn": "AS174", "name": "Cogent Communications", "domain": "cogentco.com", "route": "38.0.0.0/8",
               "type": "isp"},
       "company": {"name": "Acme Corp", "domain": "acme-corp.example", "type": "business"}}
      """;

  @Override
  EnrichmentProvider providerAt(String baseUrl) {
    return create(new IpinfoProviderFactory(), "{\"apiKey\": \"%s\", \"url\": \"%s\"}".formatted(TOKEN, baseUrl));
  }

  @Override
  EnrichmentInput lookupInput() {
    return input("acme.de", BUSINESS_IP, "Acme");
  }

  @Override
  MappingBuilder lookupRequest() {
    return get(urlEqualTo("/" + BUSINESS_IP + "/json"));
  }

  @Override
  ResponseDefinitionBuilder credentialsRefused() {
    return json(403, """
        {"status": 403, "error": {"title": "Wrong token", "message": "Please make sure your token is correct"}}""");
  }

  @Override
  ResponseDefinitionBuilder rateLimited() {
    return json(429, """
        {"status": 429, "error": {"title": "Rate limit exceeded", \
        "message": "You've hit the monthly limit for your plan"}}""");
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
  }

  @Test
  void a_business_ip_gives_the_company_and_the_network_with_a_bearer_token() {
    ProviderResult result = answer(okJson(BUSINESS));

    assertEquals(Map.ofEntries(
        Map.entry("ipOrganization", EnrichedValue.certain("Acme Corp")),
        Map.entry("company", EnrichedValue.certain("Acme Corp")),
        Map.entry("companyDomain", EnrichedValue.certain("acme-corp.example")),
        Map.entry("ipUserType", EnrichedValue.certain("business")),
        Map.entry("asn", EnrichedValue.certain("174")),
        Map.entry("asOrganization", EnrichedValue.certain("Cogent Communications")),
        Map.entry("country", EnrichedValue.certain("US")),
        Map.entry("region", EnrichedValue.certain("California")),
        Map.entry("city", EnrichedValue.certain("San Francisco")),
        Map.entry("postalCode", EnrichedValue.certain("94104")),
        Map.entry("timeZone", EnrichedValue.certain("America/Los_Angeles")),
        Map.entry("latitude", EnrichedValue.certain("37.7909")),
        Map.entry("longitude", EnrichedValue.certain("-122.4020"))),
        ((ProviderResult.Found) result).fields());
    vendor.verify(1, getRequestedFor(urlEqualTo("/" + BUSINESS_IP + "/json"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }

  @Test
  void an_isp_ip_names_the_organisation_but_not_the_lead_company() {
    ProviderResult result = answer(okJson("""
        {"ip": "38.104.128.99", "country": "DE",
         "asn": {"asn": "AS3320", "name": "Deutsche Telekom AG", "domain": "telekom.com", "type": "isp"},
         "company": {"name": "Deutsche Telekom AG", "domain": "telekom.de", "type": "isp"}}
        """));

    assertEquals(Map.of(
        "ipOrganization", EnrichedValue.certain("Deutsche Telekom AG"),
        "ipUserType", EnrichedValue.certain("isp"),
        "asn", EnrichedValue.certain("3320"),
        "asOrganization", EnrichedValue.certain("Deutsche Telekom AG"),
        "country", EnrichedValue.certain("DE")), ((ProviderResult.Found) result).fields());
  }

  @Test
  void without_company_data_the_user_type_is_the_networks() {
    ProviderResult result = answer(okJson("""
        {"ip": "38.104.128.99", "asn": {"asn": "AS16509", "name": "Amazon.com, Inc.", "type": "hosting"}}
        """));

    assertEquals(EnrichedValue.certain("hosting"), ((ProviderResult.Found) result).fields().get("ipUserType"));
  }

  @Test
  void a_bogon_address_is_no_match() {
    assertEquals(new ProviderResult.NoMatch(), answer(okJson("{\"ip\": \"38.104.128.99\", \"bogon\": true}")));
  }

  @Test
  void values_are_ip_derived_and_only_the_ip_is_looked_up() {
    assertEquals(Provenance.Source.IP_DERIVED, provider.source());
    assertEquals(Optional.of(LookupQuery.of("ip", BUSINESS_IP)), provider.query(lookupInput()));
    assertEquals(Optional.empty(), provider.query(input("acme.de", null, "Acme")));
  }

  @Test
  void an_ipv6_address_is_looked_up_in_the_path() {
    vendor.stubFor(get(urlPathEqualTo("/2001:db8:0:0:0:0:0:1/json")).willReturn(okJson(BUSINESS)));

    ProviderResult result = lookUp(provider, input(null, "2001:db8::1", null));

    assertEquals(EnrichedValue.certain("Acme Corp"), ((ProviderResult.Found) result).fields().get("company"));
  }

  @Test
  void a_missing_token_is_unauthorized_too() {
    assertEquals(new Failed(Kind.UNAUTHORIZED, "HTTP 401"), answer(json(401, "{\"status\": 401}")));
  }

  @Test
  void an_address_ipinfo_does_not_know_is_no_match() {
    assertEquals(new ProviderResult.NoMatch(), answer(json(404, """
        {"status": 404, "error": {"title": "Wrong ip", "message": "Please provide a valid IP address"}}""")));
  }
}
