package org.leadgate.enrichment.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leadgate.enrichment.http.HttpProviders.create;
import static org.leadgate.enrichment.http.HttpProviders.input;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leadgate.enrichment.EnrichedValue;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.ProviderResult.Failed;
import org.leadgate.enrichment.ProviderResult.Kind;

/** The {@code apollo} preset against WireMock playing Apollo's Organization Enrichment endpoint as documented. */
class ApolloProviderTest extends JsonApiContract {
  private static final String KEY = "apollo-test-key";
  private static final String ENRICH = "/api/v1/organizations/enrich";
  /** The documented example answer for apollo.io, shortened. */
  private static final String APOLLO = """
      {"organization": {"id": "5e66b6381e05b4008c8331b8", "name": "Apollo.io", "website_url": "http://www.apollo.io",
        "blog_url": null, "linkedin_url": "http://www.linkedin.com/company/apolloio",
        "twitter_url": "https://twitter.com/MeetApollo/", "founded_year": 2015, "primary_domain": "apollo.io",
        "industry": "information technology & services", "keywords": ["sales engagement", "lead generation"],
        "estimated_num_employees": 1600, "industries": ["information technology & services"],
        "raw_address": "415 Mission St, Floor 37, San Francisco, California 94105, US",
        "street_address": "415 Mission St", "city": "San Francisco", "state": "California",
        "postal_code": "94105-2301", "country": "United States", "annual_revenue_printed": "100M",
        "annual_revenue": 100000000.0, "total_funding": 251200000, "total_funding_printed": "251.2M",
        "latest_funding_stage": "Series D", "technology_names": ["Cloudflare", "Gmail"]}}
      """;

  @Override
  EnrichmentProvider providerAt(String baseUrl) {
    return create(new ApolloProviderFactory(), "{\"apiKey\": \"%s\", \"url\": \"%s/\"}".formatted(KEY, baseUrl));
  }

  @Override
  EnrichmentInput lookupInput() {
    return input("apollo.io", null, "Apollo");
  }

  @Override
  MappingBuilder lookupRequest() {
    return get(urlPathEqualTo(ENRICH)).withQueryParam("domain", equalTo("apollo.io"));
  }

  @Override
  ResponseDefinitionBuilder credentialsRefused() {
    return aResponse().withStatus(401).withHeader("Content-Type", "text/plain")
        .withBody("Invalid access credentials.");
  }

  @Override
  ResponseDefinitionBuilder rateLimited() {
    return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
        .withHeader("x-rate-limit-minute", "200").withHeader("x-minute-usage", "200")
        .withHeader("x-minute-requests-left", "0")
        .withHeader("x-rate-limit-hourly", "400").withHeader("x-hourly-usage", "230")
        .withHeader("x-hourly-requests-left", "170")
        .withBody("""
            {"message": "The maximum number of api calls allowed for api/v1/organizations/enrich is 200 times per \
            minute. Please upgrade your plan from https://app.apollo.io/#/settings/plans/upgrade."}""");
  }

  @Test
  void maps_the_organization_and_sends_the_key_header() {
    ProviderResult result = answer(okJson(APOLLO));

    Map<String, EnrichedValue> expected = new LinkedHashMap<>();
    expected.put("company", EnrichedValue.certain("Apollo.io"));
    expected.put("companyDomain", EnrichedValue.certain("apollo.io"));
    expected.put("industry", EnrichedValue.certain("information technology & services"));
    expected.put("employees", EnrichedValue.certain("1600"));
    expected.put("foundedYear", EnrichedValue.certain("2015"));
    expected.put("companyCountry", EnrichedValue.certain("United States"));
    expected.put("companyCity", EnrichedValue.certain("San Francisco"));
    expected.put("linkedinUrl", EnrichedValue.certain("http://www.linkedin.com/company/apolloio"));
    expected.put("revenue", EnrichedValue.certain("100000000"));
    assertEquals(new ProviderResult.Found(expected), result);
    vendor.verify(1, getRequestedFor(urlPathEqualTo(ENRICH)).withHeader("x-api-key", equalTo(KEY)));
  }

  @Test
  void an_empty_or_absent_organization_is_no_match() {
    assertEquals(new ProviderResult.NoMatch(), answer(okJson("{}")));
    assertEquals(new ProviderResult.NoMatch(), answer(okJson("{\"organization\": {}}")));
    assertEquals(new ProviderResult.NoMatch(), answer(okJson("{\"organization\": null}")));
  }

  @Test
  void only_a_domain_is_looked_up() {
    assertEquals(Optional.empty(), provider.query(input(null, "192.0.2.7", "Apollo")));
  }

  @Test
  void an_endpoint_the_plan_does_not_include_is_out_of_credits() {
    ProviderResult result = answer(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
        .withBody("""
            {"error": "api/v1/organizations/enrich is not accessible with this api_key", \
            "error_code": "API_INACCESSIBLE"}"""));

    assertEquals(new Failed(Kind.OUT_OF_CREDITS, "HTTP 403"), result);
  }

  @Test
  void an_unprocessable_request_is_a_bad_response() {
    ProviderResult result = answer(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"Please provide a valid domain\"}"));

    assertEquals(new Failed(Kind.BAD_RESPONSE, "HTTP 422"), result);
  }

  @Test
  void a_rate_limit_without_retry_after_waits_for_the_spent_window() {
    assertEquals(new Failed(Kind.TRANSIENT, "HTTP 429", Optional.of(Duration.ofMinutes(1))), answer(rateLimited()));
  }

  @Test
  void a_spent_daily_window_outweighs_the_minute() {
    ProviderResult result = answer(rateLimited().withHeader("x-daily-requests-left", "0"));

    assertEquals(Optional.of(Duration.ofDays(1)), ((Failed) result).retryAfter());
  }
}
