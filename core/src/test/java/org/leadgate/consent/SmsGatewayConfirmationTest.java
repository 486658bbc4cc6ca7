package org.leadgate.consent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.config.ConfigException;
import org.leadgate.consent.ledger.ConsentEvent;
import org.leadgate.pipeline.Outcome;
import org.leadgate.testing.Eventually;
import org.leadgate.testing.MutableClock;

/**
 * Phone consent confirmed through an HTTP SMS gateway (a WireMock emulation of a generic JSON SMS API, see
 * {@code HttpSmsSenderTest}): the SMS goes out at once with the link, the gateway's message id becomes evidence, a
 * refusal (4xx) is given up, an outage (5xx) is retried with backoff on the injected clock.
 */
class SmsGatewayConfirmationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final String PHONE = "+49 30 1234567";
  private static final Pattern LINK =
      Pattern.compile(Pattern.quote(ConsentFixture.BASE_URL) + "/consent/confirm/([A-Za-z0-9_-]{43})");
  private static final Duration WAIT = Duration.ofSeconds(15);

  @RegisterExtension
  static final WireMockExtension SMS_API = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path directory;

  private final MutableClock clock = new MutableClock(T0);
  private ConsentFixture fx;

  @BeforeEach
  void fixture() {
    fx = new ConsentFixture(directory, clock).replace("  doi:\n", "  sms:\n"
        + "    url: " + SMS_API.baseUrl() + "/v1/sms\n"
        + "    authValue: Bearer sk_test_0123456789\n"
        + "    messageIdPointer: /id\n"
        + "  doi:\n");
  }

  @AfterEach
  void close() {
    fx.close();
  }

  private static void answer(ResponseDefinitionBuilder response) {
    SMS_API.stubFor(post(urlEqualTo("/v1/sms")).willReturn(response));
  }

  private static ResponseDefinitionBuilder queued(String id) {
    return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"id\": \"" + id + "\", \"status\": \"queued\"}");
  }

  private static ResponseDefinitionBuilder refusal(int status, String error, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"" + error + "\", \"message\": \"" + message + "\"}");
  }

  private static List<JsonNode> posted() {
    return SMS_API.getAllServeEvents().stream().map(event -> {
      try {
        return JSON.readTree(event.getRequest().getBodyAsString());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private String status() {
    try {
      return fx.rows("SELECT mail_status, mail_attempts FROM doi_requests WHERE channel = 'phone'").toString();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theSmsGoesOutAtOnceAndTheGatewaysMessageIdIsPartOfTheProof() throws Exception {
    answer(queued("msg_8d1f"));
    fx.start();

    Outcome.Accepted lead = fx.submit("contact", "ada@example.de", PHONE, "callOptIn");
    assertEquals("confirmation-sms-sent", ConsentFixture.reply(lead, "phone", "sales-calls"));
    Eventually.await("the SMS is sent", WAIT, () -> status().equals("[[sent, 0]]"));

    SMS_API.verify(1, postRequestedFor(urlEqualTo("/v1/sms"))
        .withHeader("Authorization", equalTo("Bearer sk_test_0123456789")));
    JsonNode sms = posted().get(0);
    assertEquals("+49301234567", sms.get("to").asText());
    Matcher link = LINK.matcher(sms.get("text").asText());
    assertTrue(link.find(), sms.toString());
    assertEquals(List.of(List.of("msg_8d1f")),
        fx.rows("SELECT gateway_message_id FROM doi_requests WHERE channel = 'phone'"));

    assertInstanceOf(ConsentService.LinkState.Valid.class,
        fx.gateway.consent().confirm(link.group(1), ConsentFixture.tap()));
    ConsentEvent confirmed = fx.events(Subject.phone(PHONE)).get(1);
    Map<String, String> evidence = confirmed.evidence().orElseThrow().items();
    assertEquals("msg_8d1f", evidence.get(Evidence.SMS_GATEWAY_MESSAGE_ID));
    assertEquals(LegalBasis.CONSENT_DOCUMENTED, confirmed.basis());
    assertTrue(fx.permission(lead.leadId(), Channel.PHONE, "sales-calls").permitted());
  }

  @Test
  void aRefusedNumberIsGivenUpAfterOneAttempt() throws Exception {
    answer(refusal(400, "invalid_number", "The number is not a valid mobile number."));
    fx.start();

    Outcome.Accepted lead = fx.submit("contact", "ada@example.de", PHONE, "callOptIn");

    Eventually.await("the request is given up", WAIT, () -> status().equals("[[failed, 1]]"));
    SMS_API.verify(1, postRequestedFor(urlEqualTo("/v1/sms")));
    assertEquals(List.of(List.of("0")),
        fx.rows("SELECT COUNT(*) FROM doi_requests WHERE mail_payload IS NOT NULL"), "its link data is deleted");
    assertFalse(fx.permission(lead.leadId(), Channel.PHONE, "sales-calls").permitted());
  }

  @Test
  void aGatewayOutageIsRetriedWithBackoff() throws Exception {
    SMS_API.stubFor(post(urlEqualTo("/v1/sms")).inScenario("outage").whenScenarioStateIs(STARTED)
        .willReturn(refusal(503, "unavailable", "Try again later.").withHeader("Retry-After", "5"))
        .willSetStateTo("recovered"));
    SMS_API.stubFor(post(urlEqualTo("/v1/sms")).inScenario("outage").whenScenarioStateIs("recovered")
        .willReturn(queued("msg_2")));
    fx.start();

    fx.submit("contact", "ada@example.de", PHONE, "callOptIn");
    Eventually.await("the first attempt fails", WAIT, () -> status().equals("[[pending, 1]]"));
    SMS_API.verify(1, postRequestedFor(urlEqualTo("/v1/sms")));

    clock.advance(Duration.ofSeconds(11)); // the first retry waits 10 s
    Eventually.await("the retry is sent", WAIT, () -> status().equals("[[sent, 1]]"));
    SMS_API.verify(2, postRequestedFor(urlEqualTo("/v1/sms")));
    assertEquals(posted().get(0), posted().get(1), "the same SMS, the same link");
  }

  @Test
  void aGatewaySettingWithoutItsUrlStopsTheStartNamingTheKey() throws Exception {
    fx.replace("    url: " + SMS_API.baseUrl() + "/v1/sms\n", "");

    ConfigException e = assertThrows(ConfigException.class, fx::start);

    assertEquals("consent.sms.authValue", e.key());
    assertTrue(e.getMessage().contains("consent.sms.url"), e.getMessage());
  }
}
