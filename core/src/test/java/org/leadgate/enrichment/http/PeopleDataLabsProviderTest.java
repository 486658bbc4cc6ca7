package org.leadgate.enrichment.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.leadgate.enrichment.http.HttpProviders.SETTINGS;
import static org.leadgate.enrichment.http.HttpProviders.create;
import static org.leadgate.enrichment.http.HttpProviders.input;
import static org.leadgate.enrichment.http.HttpProviders.lookUp;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.leadgate.config.ConfigException;
import org.leadgate.enrichment.EnrichedValue;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.ProviderResult.Failed;
import org.leadgate.enrichment.ProviderResult.Kind;

/** The {@code people-data-labs} preset against WireMock playing the Company Enrichment API v5 as documented. */
class PeopleDataLabsProviderTest extends JsonApiContract {
  private static final String KEY = "pdl-test-key";
  private static final String ENRICH = "/v5/company/enrich";
  /** The documented example company record, shortened. */
  private static final String GOOGLE = """
      {"status": 200, "name": "google", "display_name": "Google", "size": "10001+", "employee_count": 283903,
       "id": "aKCIYBNF9ey6o5CjHCCO4goHYKlf", "founded": 1998, "industry": "internet",
       "location": {"name": "mountain view, california, united states", "locality": "mountain view",
                    "region": "california", "metro": "san francisco, california", "country": "united states",
                    "continent": "north america", "street_address": "1600 amphitheatre parkway",
                    "address_line_2": null, "postal_code": "94043", "geo": "37.42,-122.08"},
       "linkedin_id": "1441", "linkedin_url": "linkedin.com/company/google",
       "facebook_url": "facebook.com/google", "twitter_url": "twitter.com/google",
       "profiles": ["linkedin.com/company/google", "facebook.com/google"], "website": "google.com",
       "ticker": "googl", "type": "public", "tags": ["search engine", "advertising"],
       "inferred_revenue": "$1B+", "likelihood": 8}
      """;

  @Override
  EnrichmentProvider providerAt(String baseUrl) {
    return create(new PeopleDataLabsProviderFactory(), settings(baseUrl, ""));
  }

  private static String settings(String baseUrl, String more) {
    return "{\"apiKey\": \"%s\", \"url\": \"%s\"%s}".formatted(KEY, baseUrl, more);
  }

  @Override
  EnrichmentInput lookupInput() {
    return input("google.com", null, "Google");
  }

  @Override
  MappingBuilder lookupRequest() {
    return get(urlPathEqualTo(ENRICH)).withQueryParam("website", equalTo("google.com"));
  }

  @Override
  ResponseDefinitionBuilder credentialsRefused() {
    return error(401, "authentication_error", "Request contained a missing or invalid key");
  }

  @Override
  ResponseDefinitionBuilder rateLimited() {
    return rateLimitedUntil("2026-11-23T10:16:00Z");
  }

  private static ResponseDefinitionBuilder rateLimitedUntil(String reset) {
    return error(429, "rate_limit_error", "An error occurred due to requests hitting the API too quick")
        .withHeader("x-ratelimit-limit", "{'minute': 100}")
        .withHeader("x-ratelimit-remaining", "{'minute': 0}")
        .withHeader("x-ratelimit-reset", reset);
  }

  private static ResponseDefinitionBuilder error(int status, String type, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
        {"status": %d, "error": {"type": "%s", "message": "%s"}}""".formatted(status, type, message));
  }

  @Test
  void maps_a_company_record_with_its_likelihood_out_of_ten() {
    ProviderResult result = answer(okJson(GOOGLE));

    Map<String, EnrichedValue> expected = new LinkedHashMap<>();
    expected.put("company", new EnrichedValue("Google", 0.8));
    expected.put("companyDomain", new EnrichedValue("google.com", 0.8));
    expected.put("industry", new EnrichedValue("internet", 0.8));
    expected.put("employeeRange", new EnrichedValue("10001+", 0.8));
    expected.put("employees", new EnrichedValue("283903", 0.8));
    expected.put("foundedYear", new EnrichedValue("1998", 0.8));
    expected.put("companyCountry", new EnrichedValue("united states", 0.8));
    expected.put("companyCity", new EnrichedValue("mountain view", 0.8));
    expected.put("linkedinUrl", new EnrichedValue("linkedin.com/company/google", 0.8));
    expected.put("revenue", new EnrichedValue("$1B+", 0.8));
    assertEquals(new ProviderResult.Found(expected, OptionalDouble.of(0.8)), result);
    vendor.verify(1, getRequestedFor(urlPathEqualTo(ENRICH))
        .withQueryParam("website", equalTo("google.com"))
        .withQueryParam("name", absent())
        .withQueryParam("min_likelihood", absent())
        .withHeader("X-Api-Key", equalTo(KEY)));
  }

  @Test
  void the_lowercase_name_stands_in_when_there_is_no_display_name() {
    ProviderResult result = answer(okJson("{\"status\": 200, \"name\": \"google\", \"display_name\": null}"));

    assertEquals(Map.of("company", EnrichedValue.certain("google")), ((ProviderResult.Found) result).fields());
  }

  @Test
  void looks_a_company_up_by_name_when_the_lead_has_no_domain() {
    vendor.stubFor(get(urlPathEqualTo(ENRICH)).withQueryParam("name", equalTo("Google LLC")).willReturn(okJson(GOOGLE)));

    assertEquals(Optional.of(LookupQuery.of("companyName", "Google LLC")),
        provider.query(input(null, "192.0.2.7", "Google LLC")));
    ProviderResult result = lookUp(provider, input(null, null, "Google LLC"));

    assertEquals(OptionalDouble.of(0.8), ((ProviderResult.Found) result).likelihood());
  }

  @Test
  void a_lead_without_domain_or_company_name_is_not_looked_up() {
    assertEquals(Optional.empty(), provider.query(input(null, "192.0.2.7", null)));
  }

  @Test
  void sends_the_configured_minimum_likelihood() {
    provider = create(new PeopleDataLabsProviderFactory(), settings(vendor.baseUrl(), ", \"minLikelihood\": 6"));
    vendor.stubFor(lookupRequest().willReturn(okJson(GOOGLE)));

    lookUp(provider, lookupInput());

    vendor.verify(1, getRequestedFor(urlPathEqualTo(ENRICH)).withQueryParam("min_likelihood", equalTo("6")));
  }

  @Test
  void not_found_is_no_match() {
    ProviderResult result = answer(error(404, "not_found", "No records were found matching your request"));

    assertEquals(new ProviderResult.NoMatch(), result);
  }

  @Test
  void payment_required_and_forbidden_are_out_of_credits() {
    assertEquals(new Failed(Kind.OUT_OF_CREDITS, "HTTP 402"), answer(error(402, "payment_required",
        "You have hit your account maximum for company enrichment (all matches used)")));
    assertEquals(new Failed(Kind.OUT_OF_CREDITS, "HTTP 403"), answer(error(403, "forbidden",
        "Your API key does not have access to this endpoint")));
  }

  @Test
  void an_invalid_request_is_a_bad_response() {
    assertEquals(new Failed(Kind.BAD_RESPONSE, "HTTP 400"),
        answer(error(400, "invalid_request_error", "Request contained either missing or invalid parameters")));
  }

  @Test
  void a_rate_limit_without_retry_after_waits_until_the_reset_time() {
    assertEquals(new Failed(Kind.TRANSIENT, "HTTP 429", Optional.of(Duration.ofSeconds(30))), answer(rateLimited()));
  }

  @Test
  void a_reset_time_in_epoch_seconds_is_understood_too() {
    ProviderResult result = answer(rateLimitedUntil("1795429000"));

    assertEquals(Optional.of(Duration.ofSeconds(70)), ((Failed) result).retryAfter());
  }

  @Test
  void the_api_key_is_required_and_unknown_settings_are_refused() {
    assertEquals(SETTINGS + ".apiKey", assertThrows(ConfigException.class,
        () -> create(new PeopleDataLabsProviderFactory(), "{}")).key());
    assertEquals(SETTINGS + ".fields", assertThrows(ConfigException.class,
        () -> create(new PeopleDataLabsProviderFactory(), "{\"apiKey\": \"k\", \"fields\": {}}")).key());
    assertEquals(SETTINGS + ".minLikelihood", assertThrows(ConfigException.class,
        () -> create(new PeopleDataLabsProviderFactory(), "{\"apiKey\": \"k\", \"minLikelihood\": 11}")).key());
    assertEquals(SETTINGS + ".url", assertThrows(ConfigException.class,
        () -> create(new PeopleDataLabsProviderFactory(), "{\"apiKey\": \"k\", \"url\": \"https://x.test/?a=1\"}")).key());
  }
}
