package org.leadgate.consent.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadgate.config.ConfigNode;

/**
 * Against a WireMock emulation of a generic JSON SMS API: {@code POST /v1/sms} with a bearer token and
 * {@code {"to", "text"}}, answering {@code 201 {"id": "msg_…", "status": "queued"}}; refusals are 4xx with
 * {@code {"error", "message"}} (400 invalid number, 401 bad token), overload is 429 or 503 with {@code Retry-After}.
 */
class HttpSmsSenderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "sk_test_0123456789";
  private static final SmsMessage MESSAGE = new SmsMessage("3f2c9a4e-0000-4000-8000-000000000001",
      "+49301234567", "ACME GmbH: Bitte bestätigen Sie: http://gateway.test/consent/confirm/abc \"quoted\"");

  @RegisterExtension
  static final WireMockExtension SMS_API = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  private HttpSmsSender sender(String extraSettings) throws Exception {
    return sender("2s", extraSettings);
  }

  private HttpSmsSender sender(String timeout, String extraSettings) throws Exception {
    String sms = "{\"url\": \"" + SMS_API.baseUrl() + "/v1/sms\", \"authValue\": \"Bearer " + TOKEN + "\", "
        + "\"timeout\": \"" + timeout + "\"" + extraSettings + "}";
    ConfigNode consent = ConfigNode.of(JSON.readTree("{\"sms\": " + sms + "}"), "consent");
    return new HttpSmsSender(SmsSettings.from(consent, "ACME GmbH").gateway().orElseThrow());
  }

  private static void answer(ResponseDefinitionBuilder response) {
    SMS_API.stubFor(post(urlEqualTo("/v1/sms")).willReturn(response));
  }

  private static ResponseDefinitionBuilder refusal(int status, String error, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"" + error + "\", \"message\": \"" + message + "\"}");
  }

  @Test
  void anAcceptedSmsIsSentWithTheGatewaysMessageIdFromTheConfiguredPointer() throws Exception {
    answer(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"id\": \"msg_8d1f\", \"status\": \"queued\"}"));

    SmsResult result = sender(", \"messageIdPointer\": \"/id\"").send(MESSAGE);

    assertEquals(new SmsResult.Sent(Optional.of("msg_8d1f")), result);
    SMS_API.verify(1, postRequestedFor(urlEqualTo("/v1/sms"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
        .withRequestBody(equalToJson(JSON.writeValueAsString(Map.of("to", "+49301234567",
            "text", MESSAGE.text())))));
  }

  @Test
  void withoutAPointerOrWithoutAnIdInTheAnswerTheSmsIsSentAndKnownByLeadGatesOwnId() throws Exception {
    answer(aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("{\"ok\": true}"));

    assertEquals(new SmsResult.Sent(Optional.empty()), sender("").send(MESSAGE));
    assertEquals(new SmsResult.Sent(Optional.empty()), sender(", \"messageIdPointer\": \"/id\"").send(MESSAGE));
  }

  @Test
  void aBodyTemplateShapesTheRequestForAnotherApi() throws Exception {
    answer(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"messages\": [{\"messageId\": 4711}]}"));

    SmsResult result = sender(", \"authHeader\": \"X-Api-Key\", \"messageIdPointer\": \"/messages/0/messageId\","
        + " \"body\": \"{\\\"messages\\\": [{\\\"destinations\\\": [{\\\"to\\\": \\\"{to}\\\"}],"
        + " \\\"content\\\": {\\\"text\\\": \\\"{text}\\\"}, \\\"reference\\\": \\\"{id}\\\","
        + " \\\"sender\\\": \\\"ACME\\\"}]}\"").send(MESSAGE);

    assertEquals(new SmsResult.Sent(Optional.of("4711")), result);
    SMS_API.verify(postRequestedFor(urlEqualTo("/v1/sms")).withHeader("X-Api-Key", equalTo("Bearer " + TOKEN))
        .withRequestBody(equalToJson("{\"messages\": [{\"destinations\": [{\"to\": \"+49301234567\"}],"
            + " \"content\": {\"text\": " + JSON.writeValueAsString(MESSAGE.text()) + "}, \"reference\": \""
            + MESSAGE.id() + "\", \"sender\": \"ACME\"}]}")));
  }

  @Test
  void aRefusedNumberIsAPermanentFailure() throws Exception {
    answer(refusal(400, "invalid_number", "The number +49301234567 is not a valid mobile number."));

    assertEquals(new SmsResult.Failed(true, "HTTP 400"), sender("").send(MESSAGE));
  }

  @Test
  void aRefusedTokenIsAPermanentFailure() throws Exception {
    answer(refusal(401, "unauthorized", "Invalid API token."));

    assertEquals(new SmsResult.Failed(true, "HTTP 401"), sender("").send(MESSAGE));
  }

  @Test
  void anOverloadedOrBrokenGatewayIsAPassingFailure() throws Exception {
    answer(refusal(503, "unavailable", "Try again later.").withHeader("Retry-After", "30"));
    assertEquals(new SmsResult.Failed(false, "HTTP 503"), sender("").send(MESSAGE));

    answer(refusal(429, "rate_limited", "Too many requests.").withHeader("Retry-After", "1"));
    assertEquals(new SmsResult.Failed(false, "HTTP 429"), sender("").send(MESSAGE));
  }

  @Test
  void aTimeoutOrABrokenConnectionIsAPassingFailure() throws Exception {
    answer(aResponse().withStatus(201).withFixedDelay(1500));
    SmsResult.Failed slow = assertInstanceOf(SmsResult.Failed.class, sender("200ms", "").send(MESSAGE));
    assertFalse(slow.permanent());
    assertTrue(slow.reason().startsWith("I/O failure: "), slow.reason());

    answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    SmsResult.Failed reset = assertInstanceOf(SmsResult.Failed.class, sender("").send(MESSAGE));
    assertFalse(reset.permanent());
    assertTrue(reset.reason().startsWith("I/O failure: "), reset.reason());
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    answer(aResponse().withStatus(302).withHeader("Location", "https://elsewhere.example/v1/sms"));

    assertEquals(new SmsResult.Failed(true, "HTTP 302 (redirects are not followed)"), sender("").send(MESSAGE));
  }
}
