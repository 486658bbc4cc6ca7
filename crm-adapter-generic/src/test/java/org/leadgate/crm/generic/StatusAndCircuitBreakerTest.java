package org.leadgate.crm.generic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.testing.MutableClock;

/** What each status means for the lead, and the target's circuit breaker on the injected clock. */
class StatusAndCircuitBreakerTest {
  private static final String LEADS = "/api/leads";

  @RegisterExtension
  static WireMockExtension crm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(TestLeads.NOW);
  private CrmAdapter adapter;

  @AfterEach
  void close() {
    if (adapter != null) {
      adapter.close();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 425, 429, 500, 502, 503, 504})
  void passingFailuresAreRetriedByDefault(int status) {
    crm.stubFor(post(LEADS).willReturn(aResponse().withStatus(status)));
    adapter = adapter("");

    assertInstanceOf(DeliveryResult.Retry.class, deliver());
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 410, 422})
  void otherClientErrorsAreRejectedByDefault(int status) {
    crm.stubFor(post(LEADS).willReturn(aResponse().withStatus(status)));
    adapter = adapter("");

    assertEquals(DeliveryResult.rejected("CRM answered " + status), deliver());
  }

  @Test
  void configuredStatusesOverrideTheDefaults() {
    adapter = adapter("status: {retry: [409], reject: [503]}");

    crm.stubFor(post(LEADS).willReturn(aResponse().withStatus(409)));
    assertInstanceOf(DeliveryResult.Retry.class, deliver());
    crm.stubFor(post(LEADS).willReturn(aResponse().withStatus(503)));
    assertInstanceOf(DeliveryResult.Rejected.class, deliver());
  }

  @Test
  void theCircuitOpensAfterFailuresAndThenDefersLeadsForItsOpenTimeWithoutCallingTheCrm() {
    crm.stubFor(post(LEADS).willReturn(aResponse().withStatus(503)));
    adapter = adapter("circuitBreaker: {window: 4, minimumCalls: 4, failureRate: 50, openFor: 30s}");

    for (int i = 0; i < 4; i++) {
      deliver();
    }
    DeliveryResult refused = deliver();

    assertEquals("OPEN", adapter.health().get("circuit"));
    DeliveryResult.Deferred deferred = assertInstanceOf(DeliveryResult.Deferred.class, refused);
    assertTrue(deferred.reason().contains("circuit breaker is open"), deferred.reason());
    assertEquals(Duration.ofSeconds(30), deferred.retryAfter(), "until the circuit half-opens");
    clock.advance(Duration.ofSeconds(12));
    assertEquals(Duration.ofSeconds(18), assertInstanceOf(DeliveryResult.Deferred.class, deliver()).retryAfter());
    crm.verify(4, postRequestedFor(urlEqualTo(LEADS)));
  }

  @Test
  void onceOpenForHasPassedOnTheClockOneTrialCallClosesTheCircuitWhenTheCrmIsBack() {
    crm.stubFor(post(LEADS).willReturn(aResponse().withStatus(503)));
    adapter = adapter("circuitBreaker: {window: 2, minimumCalls: 2, openFor: 30s, halfOpenCalls: 1}");
    deliver();
    deliver();
    assertEquals("OPEN", adapter.health().get("circuit"));

    crm.stubFor(post(LEADS).willReturn(aResponse().withStatus(201)));
    clock.advance(Duration.ofSeconds(30));
    assertInstanceOf(DeliveryResult.Deferred.class, deliver());
    crm.verify(2, postRequestedFor(urlEqualTo(LEADS)));

    clock.advance(Duration.ofSeconds(1));
    assertEquals(DeliveryResult.delivered(null), deliver());
    assertEquals("CLOSED", adapter.health().get("circuit"));
    assertEquals(DeliveryResult.delivered(null), deliver());
    crm.verify(4, postRequestedFor(urlEqualTo(LEADS)));
  }

  @Test
  void aFailedTrialCallOpensTheCircuitAgain() {
    crm.stubFor(post(LEADS).willReturn(aResponse().withStatus(500)));
    adapter = adapter("circuitBreaker: {window: 2, minimumCalls: 2, openFor: 30s}");
    deliver();
    deliver();

    clock.advance(Duration.ofSeconds(31));
    assertInstanceOf(DeliveryResult.Retry.class, deliver());

    assertEquals("OPEN", adapter.health().get("circuit"));
    crm.verify(3, postRequestedFor(urlEqualTo(LEADS)));
  }

  @Test
  void rejectedLeadsDoNotOpenTheCircuitBecauseTheCrmAnswered() {
    crm.stubFor(post(LEADS).willReturn(aResponse().withStatus(422)));
    adapter = adapter("circuitBreaker: {window: 2, minimumCalls: 2}");

    for (int i = 0; i < 5; i++) {
      assertInstanceOf(DeliveryResult.Rejected.class, deliver());
    }
    assertEquals("CLOSED", adapter.health().get("circuit"));
  }

  private DeliveryResult deliver() {
    return adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-1", "email", "a@example.com")));
  }

  private CrmAdapter adapter(String extra) {
    return TestSettings.adapter("""
        baseUrl: %s
        create: {path: /api/leads, body: '{"email": "{{fields.email}}"}'}
        %s
        """.formatted(crm.baseUrl(), extra), clock);
  }
}
