package org.leadgate.crm.generic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.spi.PluginContext;

class GenericHttpAdapterTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String PATH = "/api/leads";
  private static final String EMAIL = "ada@example.de";

  @RegisterExtension
  static WireMockExtension crm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private CrmAdapter adapter;

  @AfterEach
  void closeAdapter() {
    if (adapter != null) {
      adapter.close();
    }
  }

  @Test
  void deliversLeadAsJsonWithConfiguredHeaderAndIdempotencyKey() {
    crm.stubFor(post(PATH).willReturn(aResponse().withStatus(201)));
    adapter = adapter(Map.of("name", "Authorization", "value", "Bearer s3cret"), "10s");

    DeliveryResult result = adapter.deliver(delivery());

    assertEquals(DeliveryResult.delivered(null), result);
    crm.verify(1, postRequestedFor(urlEqualTo(PATH))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("Authorization", equalTo("Bearer s3cret"))
        .withHeader("Idempotency-Key", equalTo("lead-1:crm"))
        .withRequestBody(equalToJson("""
            {"leadId": "lead-1", "formId": "contact", "receivedAt": "2026-11-23T10:15:30Z",
             "fields": {"email": "ada@example.de"},
             "provenance": {"email": {"source": "TYPED", "origin": "form:contact", "at": "2026-11-23T10:15:30Z"}},
             "consent": {}}
            """)));
  }

  @Test
  void sendsOnlyTheIdempotencyKeyWhenNoHeaderIsConfigured() {
    crm.stubFor(post(PATH).willReturn(aResponse().withStatus(204)));
    adapter = adapter(null, "10s");

    assertEquals(DeliveryResult.delivered(null), adapter.deliver(delivery()));
    crm.verify(postRequestedFor(urlEqualTo(PATH))
        .withHeader("Idempotency-Key", equalTo("lead-1:crm"))
        .withoutHeader("Authorization"));
  }

  @Test
  void takesTheCrmRecordIdFromAJsonAnswer() {
    crm.stubFor(post(PATH).willReturn(json(200, "{\"id\":\"abc\",\"status\":\"created\"}")));
    adapter = adapter(null, "10s");

    assertEquals(new DeliveryResult.Delivered(Optional.of("abc")), adapter.deliver(delivery()));
  }

  @Test
  void takesANumericRecordIdAsText() {
    crm.stubFor(post(PATH).willReturn(json(201, "{\"id\": 4711}")));
    adapter = adapter(null, "10s");

    assertEquals(new DeliveryResult.Delivered(Optional.of("4711")), adapter.deliver(delivery()));
  }

  @Test
  void deliversWithoutRecordIdWhenTheAnswerIsNotAJsonObjectWithId() {
    crm.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withBody("OK")));
    adapter = adapter(null, "10s");

    assertEquals(new DeliveryResult.Delivered(Optional.empty()), adapter.deliver(delivery()));
  }

  @Test
  void rejectsOnBadRequestWithStatusAndCollapsedBodyInReason() {
    crm.stubFor(post(PATH).willReturn(json(400, "{\n  \"error\":   \"field 'company' is required\"\n}")));
    adapter = adapter(null, "10s");

    DeliveryResult result = adapter.deliver(delivery());

    DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class, result);
    assertEquals("CRM answered 400: { \"error\": \"field 'company' is required\" }", rejected.reason());
  }

  @Test
  void shortensALongAnswerToFiveHundredCharactersInTheReason() {
    crm.stubFor(post(PATH).willReturn(aResponse().withStatus(422).withBody("x".repeat(2000))));
    adapter = adapter(null, "10s");

    DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class, adapter.deliver(delivery()));
    assertEquals("CRM answered 422: " + "x".repeat(500) + "…", rejected.reason());
  }

  @Test
  void keepsLeadValuesOutOfTheReason() {
    crm.stubFor(post(PATH).willReturn(aResponse().withStatus(403)));
    adapter = adapter(null, "10s");

    DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class, adapter.deliver(delivery()));
    assertEquals("CRM answered 403", rejected.reason());
    assertFalse(rejected.reason().contains(EMAIL));
  }

  @Test
  void retriesWhenTheCrmIsUnavailable() {
    crm.stubFor(post(PATH).willReturn(aResponse().withStatus(503).withBody("maintenance")));
    adapter = adapter(null, "10s");

    assertEquals(new DeliveryResult.Retry("CRM answered 503: maintenance", Optional.empty()), adapter.deliver(delivery()));
  }

  @Test
  void retriesAfterTheSecondsGivenWithTooManyRequests() {
    crm.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
    adapter = adapter(null, "10s");

    DeliveryResult.Retry retry = assertInstanceOf(DeliveryResult.Retry.class, adapter.deliver(delivery()));
    assertEquals(Optional.of(Duration.ofSeconds(120)), retry.retryAfter());
    assertTrue(retry.reason().startsWith("CRM answered 429"), retry.reason());
  }

  @Test
  void retriesAfterTheHttpDateGivenWithServiceUnavailableMeasuredAgainstTheClock() {
    String inFiveMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(300).atOffset(ZoneOffset.UTC));
    crm.stubFor(post(PATH).willReturn(aResponse().withStatus(503).withHeader("Retry-After", inFiveMinutes)));
    adapter = adapter(null, "10s");

    DeliveryResult.Retry retry = assertInstanceOf(DeliveryResult.Retry.class, adapter.deliver(delivery()));
    assertEquals(Optional.of(Duration.ofMinutes(5)), retry.retryAfter());
  }

  @Test
  void ignoresAnUnparseableRetryAfter() {
    crm.stubFor(post(PATH).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "soon")));
    adapter = adapter(null, "10s");

    DeliveryResult.Retry retry = assertInstanceOf(DeliveryResult.Retry.class, adapter.deliver(delivery()));
    assertEquals(Optional.empty(), retry.retryAfter());
  }

  @Test
  void retriesOnRequestTimeout() {
    crm.stubFor(post(PATH).willReturn(aResponse().withStatus(408)));
    adapter = adapter(null, "10s");

    assertInstanceOf(DeliveryResult.Retry.class, adapter.deliver(delivery()));
  }

  @Test
  void retriesWhenTheConnectionIsReset() {
    crm.stubFor(post(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    adapter = adapter(null, "10s");

    DeliveryResult.Retry retry = assertInstanceOf(DeliveryResult.Retry.class, adapter.deliver(delivery()));
    assertTrue(retry.reason().startsWith("CRM call failed: "), retry.reason());
  }

  @Test
  void retriesWhenTheCrmAnswersSlowerThanTheTimeout() {
    crm.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withFixedDelay(2000)));
    adapter = adapter(null, "200ms");

    long started = System.nanoTime();
    DeliveryResult result = adapter.deliver(delivery());

    assertInstanceOf(DeliveryResult.Retry.class, result);
    assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(1500)) < 0,
        "gave up within the configured timeout");
  }

  @Test
  void doesNotFollowRedirectsButKeepsTheLeadForRetry() {
    crm.stubFor(post(PATH).willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));
    adapter = adapter(null, "10s");

    assertInstanceOf(DeliveryResult.Retry.class, adapter.deliver(delivery()));
    crm.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/elsewhere")));
  }

  private static CrmAdapter adapter(Map<String, String> header, String timeout) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("url", crm.baseUrl() + PATH);
    if (header != null) {
      values.put("header", header);
    }
    values.put("timeout", timeout);
    PluginContext context = TestSettings.context(values, CLOCK);
    return new GenericHttpAdapterFactory().create(context);
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  private static Delivery delivery() {
    Lead lead = new Lead("lead-1", "contact", NOW,
        Map.of("email", new FieldValue(EMAIL, Provenance.typed("contact", NOW))));
    return new Delivery(lead, "lead-1:crm", 1);
  }
}
