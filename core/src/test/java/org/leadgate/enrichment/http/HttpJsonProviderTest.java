package org.leadgate.enrichment.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.enrichment.http.HttpProviders.SETTINGS;
import static org.leadgate.enrichment.http.HttpProviders.create;
import static org.leadgate.enrichment.http.HttpProviders.input;
import static org.leadgate.enrichment.http.HttpProviders.lookUp;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.leadgate.config.ConfigException;
import org.leadgate.enrichment.EnrichedValue;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.ProviderResult.Failed;
import org.leadgate.enrichment.ProviderResult.Kind;

class HttpJsonProviderTest extends JsonApiContract {
  private static final String DOMAIN = "acme.de";

  @Override
  EnrichmentProvider providerAt(String baseUrl) {
    return create(new HttpJsonProviderFactory(), """
        {"url": "%s/v1/companies/{domain}",
         "headers": {"Authorization": "Bearer t0ken", "X-Client": "leadgate"},
         "fields": {"company": "/name"}}
        """.formatted(baseUrl));
  }

  @Override
  EnrichmentInput lookupInput() {
    return input(DOMAIN, null, null);
  }

  @Override
  MappingBuilder lookupRequest() {
    return get(urlPathEqualTo("/v1/companies/" + DOMAIN));
  }

  @Override
  ResponseDefinitionBuilder credentialsRefused() {
    return aResponse().withStatus(401).withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"invalid token\"}");
  }

  @Override
  ResponseDefinitionBuilder rateLimited() {
    return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"too many requests\"}");
  }

  private EnrichmentProvider withSettings(String fieldsAndMore) {
    return create(new HttpJsonProviderFactory(),
        "{\"url\": \"%s/v1/companies/{domain}\", %s}".formatted(vendor.baseUrl(), fieldsAndMore));
  }

  @Test
  void maps_each_configured_pointer_to_text_and_scales_the_likelihood() {
    provider = withSettings("""
        "fields": {"company": "/name", "employees": "/metrics/employees", "revenue": "/metrics/revenue",
                   "foundedYear": "/founded", "isp": "/flags/isp", "industry": "/tags",
                   "companyCountry": "/hq/country", "companyCity": "/hq/city", "linkedinUrl": "/links/0"},
        "likelihood": "/score", "likelihoodScale": 100
        """);
    vendor.stubFor(lookupRequest().willReturn(okJson("""
        {"name": " Acme GmbH ", "metrics": {"employees": 250, "revenue": 2.19E7}, "founded": 1999,
         "flags": {"isp": false}, "tags": ["software", "saas"], "hq": {"country": null, "city": ""},
         "links": ["linkedin.com/company/acme"], "score": 87}
        """)));

    ProviderResult result = lookUp(provider, lookupInput());

    assertEquals(new ProviderResult.Found(Map.of(
        "company", new EnrichedValue("Acme GmbH", 0.87),
        "employees", new EnrichedValue("250", 0.87),
        "revenue", new EnrichedValue("21900000", 0.87),
        "foundedYear", new EnrichedValue("1999", 0.87),
        "isp", new EnrichedValue("false", 0.87),
        "linkedinUrl", new EnrichedValue("linkedin.com/company/acme", 0.87)), OptionalDouble.of(0.87)), result);
  }

  @Test
  void values_are_certain_when_the_likelihood_is_missing_or_beyond_its_scale() {
    provider = withSettings("\"fields\": {\"company\": \"/name\"}, \"likelihood\": \"/score\", \"likelihoodScale\": 10");
    vendor.stubFor(lookupRequest().willReturn(okJson("{\"name\": \"Acme\", \"score\": 11}")));

    assertEquals(new ProviderResult.Found(Map.of("company", EnrichedValue.certain("Acme"))), lookUp(provider, lookupInput()));
  }

  @Test
  void sends_the_configured_headers() {
    vendor.stubFor(lookupRequest().willReturn(okJson("{\"name\": \"Acme\"}")));

    lookUp(provider, lookupInput());

    vendor.verify(1, getRequestedFor(urlPathEqualTo("/v1/companies/acme.de"))
        .withHeader("Authorization", equalTo("Bearer t0ken"))
        .withHeader("X-Client", equalTo("leadgate")));
  }

  @Test
  void a_company_name_is_encoded_so_it_cannot_add_path_segments_or_query_parameters() {
    String name = "Müller & Söhne / Co?x=1#top";
    provider = create(new HttpJsonProviderFactory(), """
        {"url": "%s/v1/search/{companyName}?name={companyName}&domain={domain}&limit=1",
         "fields": {"company": "/name"}}
        """.formatted(vendor.baseUrl()));
    vendor.stubFor(get(urlPathMatching("/v1/search/.*")).willReturn(okJson("{\"name\": \"Müller & Söhne\"}")));

    lookUp(provider, input(DOMAIN, null, name));

    HttpUrl received = HttpUrl.get(vendor.baseUrl() + vendor.getAllServeEvents().get(0).getRequest().getUrl());
    assertEquals(java.util.List.of("v1", "search", name), received.pathSegments());
    assertEquals(Set.of("name", "domain", "limit"), received.queryParameterNames());
    assertEquals(name, received.queryParameter("name"));
    assertEquals(DOMAIN, received.queryParameter("domain"));
    assertTrue(received.encodedPath().contains("M%C3%BCller%20&%20S%C3%B6hne%20%2F%20Co%3Fx=1%23top"),
        received.encodedPath());
    assertTrue(received.encodedQuery().startsWith("name=M%C3%BCller%20%26%20S%C3%B6hne%20%2F%20Co%3Fx%3D1%23top&"),
        received.encodedQuery());
  }

  @Test
  void the_query_holds_exactly_the_values_the_url_uses() {
    provider = create(new HttpJsonProviderFactory(), """
        {"url": "%s/v1/{ip}?domain={domain}", "fields": {"company": "/name"}}
        """.formatted(vendor.baseUrl()));

    assertEquals(Optional.of(new LookupQuery(Map.of("domain", DOMAIN, "ip", "192.0.2.7"))),
        provider.query(input(DOMAIN, "192.0.2.7", "Acme GmbH")));
  }

  @Test
  void the_query_is_empty_when_an_input_the_url_uses_is_missing() {
    provider = create(new HttpJsonProviderFactory(), """
        {"url": "%s/v1/{ip}?domain={domain}", "fields": {"company": "/name"}}
        """.formatted(vendor.baseUrl()));

    assertEquals(Optional.empty(), provider.query(input(DOMAIN, null, "Acme GmbH")));
    assertEquals(Optional.empty(), provider.query(input(null, "192.0.2.7", "Acme GmbH")));
  }

  @Test
  void a_company_name_that_would_be_a_dot_segment_is_not_looked_up() {
    provider = create(new HttpJsonProviderFactory(), """
        {"url": "%s/v1/companies/{companyName}", "fields": {"company": "/name"}}
        """.formatted(vendor.baseUrl()));

    assertEquals(Optional.empty(), provider.query(input(null, null, "..")));
  }

  @Test
  void an_answer_without_mapped_values_is_no_match() {
    assertEquals(new ProviderResult.NoMatch(), answer(okJson("{}")));
    assertEquals(new ProviderResult.NoMatch(), answer(okJson("{\"name\": null, \"other\": \"x\"}")));
  }

  @Test
  void not_found_is_no_match() {
    assertEquals(new ProviderResult.NoMatch(), answer(aResponse().withStatus(404)));
  }

  @Test
  void configured_no_match_statuses_replace_404() {
    provider = withSettings("\"fields\": {\"company\": \"/name\"}, \"noMatchStatuses\": [410]");

    assertEquals(new ProviderResult.NoMatch(), answer(aResponse().withStatus(410)));
    assertEquals(new Failed(Kind.BAD_RESPONSE, "HTTP 404"), answer(aResponse().withStatus(404)));
  }

  @Test
  void payment_required_and_forbidden_are_out_of_credits() {
    assertEquals(new Failed(Kind.OUT_OF_CREDITS, "HTTP 402"), answer(aResponse().withStatus(402)));
    assertEquals(new Failed(Kind.OUT_OF_CREDITS, "HTTP 403"), answer(aResponse().withStatus(403)));
  }

  @Test
  void other_client_errors_are_bad_responses() {
    assertEquals(new Failed(Kind.BAD_RESPONSE, "HTTP 400"), answer(aResponse().withStatus(400)));
    assertEquals(new Failed(Kind.BAD_RESPONSE, "HTTP 422"), answer(aResponse().withStatus(422)));
  }

  @Test
  void a_redirect_is_not_followed() {
    vendor.stubFor(get(urlPathEqualTo("/elsewhere")).willReturn(okJson("{\"name\": \"Acme\"}")));

    ProviderResult result = answer(aResponse().withStatus(302).withHeader("Location", "/elsewhere"));

    assertEquals(new Failed(Kind.BAD_RESPONSE, "HTTP 302 (redirects are not followed)"), result);
    vendor.verify(0, getRequestedFor(urlPathEqualTo("/elsewhere")));
  }

  @Test
  void a_rate_limit_without_retry_after_has_no_wait() {
    assertEquals(new Failed(Kind.TRANSIENT, "HTTP 429", Optional.empty()), answer(rateLimited()));
  }

  @Test
  void a_json_subtype_is_json() {
    assertEquals(new ProviderResult.Found(Map.of("company", EnrichedValue.certain("Acme"))),
        answer(aResponse().withHeader("Content-Type", "application/vnd.acme+json").withBody("{\"name\": \"Acme\"}")));
  }

  @Test
  void a_json_answer_without_content_type_is_a_bad_response() {
    assertEquals(new Failed(Kind.BAD_RESPONSE, "answer is not JSON but has no content type"),
        answer(aResponse().withBody("{\"name\": \"Acme\"}")));
  }

  @Test
  void a_json_scalar_is_a_bad_response() {
    assertEquals(new Failed(Kind.BAD_RESPONSE, "answer is not a JSON object or array"), answer(okJson("\"Acme\"")));
  }

  @Test
  void an_answer_of_exactly_the_limit_is_read_and_one_byte_more_is_not() {
    provider = withSettings("\"fields\": {\"company\": \"/name\"}, \"maxResponseBytes\": 20");
    String twenty = "{\"name\": \"Acme AG\"} ";

    assertEquals(new ProviderResult.Found(Map.of("company", EnrichedValue.certain("Acme AG"))), answer(okJson(twenty)));
    assertEquals(new Failed(Kind.BAD_RESPONSE, "answer is larger than 20 bytes"), answer(okJson(twenty + " ")));
  }

  @Test
  void a_streamed_answer_without_length_is_cut_off_at_the_limit() {
    provider = withSettings("\"fields\": {\"company\": \"/name\"}, \"maxResponseBytes\": 1000");

    ProviderResult result = answer(okJson("{\"name\": \"" + "a".repeat(5000) + "\"}").withChunkedDribbleDelay(5, 50));

    assertEquals(new Failed(Kind.BAD_RESPONSE, "answer is larger than 1000 bytes"), result);
  }

  @Test
  void no_time_left_makes_no_call() {
    ProviderResult result = provider.lookup(LookupQuery.of("domain", DOMAIN), Duration.ZERO);

    assertEquals(new Failed(Kind.TRANSIENT, "no time left for the call"), result);
    vendor.verify(0, getRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void a_placeholder_in_the_host_is_refused_at_startup() {
    for (String url : new String[] {
        "https://{domain}/v1/companies", "https://api.{domain}/v1", "https://{domain}@api.example.com/v1/{ip}",
        "https://api.example.com:{ip}/v1", "{domain}://api.example.com/v1", "https://api.example.com/v1#{domain}",
        "https://api.example.com/v1?{domain}=1"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> configure(url, "{\"company\": \"/name\"}"), url);
      assertEquals(SETTINGS + ".url", e.key(), url);
    }
  }

  @Test
  void an_unknown_placeholder_is_refused_naming_it() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> configure("https://api.example.com/v1/{email}", "{\"company\": \"/name\"}"));

    assertEquals(SETTINGS + ".url", e.key());
    assertTrue(e.getMessage().contains("unknown placeholder {email}"), e.getMessage());
  }

  @Test
  void a_url_without_placeholder_or_not_http_is_refused() {
    assertEquals(SETTINGS + ".url", assertThrows(ConfigException.class,
        () -> configure("https://api.example.com/v1/all", "{\"company\": \"/name\"}")).key());
    assertEquals(SETTINGS + ".url", assertThrows(ConfigException.class,
        () -> configure("ftp://api.example.com/{domain}", "{\"company\": \"/name\"}")).key());
  }

  @Test
  void an_unknown_field_name_is_refused_naming_the_key() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> configure("https://api.example.com/{domain}", "{\"company\": \"/name\", \"turnover\": \"/rev\"}"));

    assertEquals(SETTINGS + ".fields.turnover", e.key());
  }

  @Test
  void a_pointer_without_leading_slash_is_refused_naming_the_key() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> configure("https://api.example.com/{domain}", "{\"company\": \"name\"}"));

    assertEquals(SETTINGS + ".fields.company", e.key());
  }

  @Test
  void settings_errors_name_their_key() {
    assertEquals(SETTINGS + ".fields", assertThrows(ConfigException.class,
        () -> configure("https://api.example.com/{domain}", "{}")).key());
    assertEquals(SETTINGS + ".noMatchStatuses[1]", assertThrows(ConfigException.class, () -> create(
        new HttpJsonProviderFactory(), """
            {"url": "https://api.example.com/{domain}", "fields": {"company": "/name"}, "noMatchStatuses": [404, 200]}
            """)).key());
    assertEquals(SETTINGS + ".likelihoodScale", assertThrows(ConfigException.class, () -> create(
        new HttpJsonProviderFactory(), """
            {"url": "https://api.example.com/{domain}", "fields": {"company": "/name"}, "likelihoodScale": 10}
            """)).key());
    assertEquals(SETTINGS + ".headers.Bad Name", assertThrows(ConfigException.class, () -> create(
        new HttpJsonProviderFactory(), """
            {"url": "https://api.example.com/{domain}", "fields": {"company": "/name"}, "headers": {"Bad Name": "x"}}
            """)).key());
    assertEquals(SETTINGS + ".timeout", assertThrows(ConfigException.class, () -> create(
        new HttpJsonProviderFactory(), """
            {"url": "https://api.example.com/{domain}", "fields": {"company": "/name"}, "timeout": "5s"}
            """)).key());
  }

  private static void configure(String url, String fields) {
    create(new HttpJsonProviderFactory(), "{\"url\": \"%s\", \"fields\": %s}".formatted(url, fields));
  }
}
