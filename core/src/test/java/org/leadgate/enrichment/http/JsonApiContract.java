package org.leadgate.enrichment.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.enrichment.http.HttpProviders.lookUp;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.ProviderResult.Failed;
import org.leadgate.enrichment.ProviderResult.Kind;

/**
 * What every JSON API provider does with failures, against a WireMock server that plays the vendor; one subclass
 * per provider supplies the vendor's request and its error answers from the vendor's docs.
 */
abstract class JsonApiContract {
  @RegisterExtension
  static WireMockExtension vendor = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  EnrichmentProvider provider;

  @BeforeEach
  void createProvider() {
    provider = providerAt(vendor.baseUrl());
  }

  /** The provider under test, calling {@code baseUrl} instead of the vendor. */
  abstract EnrichmentProvider providerAt(String baseUrl);

  /** An input the provider looks up. */
  abstract EnrichmentInput lookupInput();

  /** The vendor request that {@link #lookupInput()} makes. */
  abstract MappingBuilder lookupRequest();

  /** The vendor's answer to a wrong key or token. */
  abstract ResponseDefinitionBuilder credentialsRefused();

  /** The vendor's rate-limit answer (429), without {@code Retry-After}. */
  abstract ResponseDefinitionBuilder rateLimited();

  ProviderResult answer(ResponseDefinitionBuilder response) {
    vendor.stubFor(lookupRequest().willReturn(response));
    return lookUp(provider, lookupInput());
  }

  @Test
  void refused_credentials_are_unauthorized() {
    assertEquals(Kind.UNAUTHORIZED, kind(answer(credentialsRefused())));
  }

  @Test
  void a_rate_limit_with_retry_after_in_seconds_is_transient_with_that_wait() {
    ProviderResult result = answer(rateLimited().withHeader("Retry-After", "30"));

    assertEquals(new Failed(Kind.TRANSIENT, "HTTP 429", Optional.of(Duration.ofSeconds(30))), result);
  }

  @Test
  void a_rate_limit_with_retry_after_as_http_date_waits_until_that_date() {
    ProviderResult result = answer(rateLimited().withHeader("Retry-After", "Mon, 23 Nov 2026 10:17:00 GMT"));

    assertEquals(Optional.of(Duration.ofSeconds(90)), assertInstanceOf(Failed.class, result).retryAfter());
  }

  @Test
  void a_server_error_is_transient_and_its_reason_names_only_the_status() {
    ProviderResult result = answer(aResponse().withStatus(503).withHeader("Retry-After", "5")
        .withHeader("Content-Type", "text/html").withBody("<html>Service Unavailable</html>"));

    assertEquals(new Failed(Kind.TRANSIENT, "HTTP 503", Optional.of(Duration.ofSeconds(5))), result);
  }

  @Test
  void a_lost_connection_is_transient() {
    assertEquals(Kind.TRANSIENT, kind(answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))));
  }

  @Test
  void an_answer_slower_than_the_timeout_is_transient_within_about_the_timeout() {
    vendor.stubFor(lookupRequest().willReturn(aResponse().withFixedDelay(3_000)
        .withHeader("Content-Type", "application/json").withBody("{}")));

    long started = System.nanoTime();
    ProviderResult result = lookUp(provider, lookupInput(), Duration.ofMillis(300));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertEquals(Kind.TRANSIENT, kind(result));
    assertTrue(took.compareTo(Duration.ofMillis(1_500)) < 0, "took " + took);
  }

  @Test
  void malformed_json_is_a_bad_response() {
    ProviderResult result = answer(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"name\": \"Acme"));

    assertEquals(new Failed(Kind.BAD_RESPONSE, "answer is malformed JSON"), result);
  }

  @Test
  void an_answer_that_is_not_json_is_a_bad_response() {
    ProviderResult result = answer(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<html><body>Login</body></html>"));

    assertEquals(new Failed(Kind.BAD_RESPONSE, "answer is not JSON but text/html"), result);
  }

  @Test
  void an_answer_larger_than_one_mebibyte_is_a_bad_response() {
    String huge = "{\"name\": \"" + "a".repeat(1024 * 1024) + "\"}";

    ProviderResult result = answer(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(huge));

    assertEquals(new Failed(Kind.BAD_RESPONSE, "answer is larger than 1048576 bytes"), result);
  }

  static Kind kind(ProviderResult result) {
    return assertInstanceOf(Failed.class, result).kind();
  }
}
