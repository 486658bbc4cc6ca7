package org.leadgate.crm.generic.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.crm.generic.inbound.Webhooks.SECRET;
import static org.leadgate.crm.generic.inbound.Webhooks.TOKEN;
import static org.leadgate.crm.generic.inbound.Webhooks.bearer;
import static org.leadgate.crm.generic.inbound.Webhooks.hmac;
import static org.leadgate.crm.generic.inbound.Webhooks.request;
import static org.leadgate.crm.generic.inbound.Webhooks.signature;
import static org.leadgate.crm.generic.inbound.Webhooks.signed;
import static org.leadgate.crm.generic.inbound.Webhooks.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leadgate.intake.Submission;
import org.leadgate.spi.HookRequest;
import org.leadgate.spi.HookResponse;
import org.leadgate.spi.InboundHook;
import org.leadgate.storage.StorageUnavailableException;

/** Who may post to a generic webhook: HMAC-signed requests within the tolerance, once each, or a bearer token. */
class GenericWebhookAuthenticationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ITEM = "{\"id\":\"00Q1\",\"eventId\":\"evt-1\","
      + "\"contact\":{\"email\":\"ada@acme.de\",\"name\":\"Lovelace\"}}";

  private final TestClock clock = new TestClock();
  private final RecordingIntake intake = new RecordingIntake();
  private final InboundHook hook = Webhooks.hook(source(hmac(), Map.of()), clock);

  private HookRequest signedNow(String body) {
    return signed(body, SECRET, clock.instant(), clock.instant());
  }

  private static JsonNode json(HookResponse response) throws IOException {
    return JSON.readTree(response.body());
  }

  private void assertUnauthorized(HookResponse response, String detail) throws IOException {
    assertEquals(401, response.status());
    assertEquals("application/problem+json", response.contentType());
    assertEquals("https://leadgate.org/problems/unauthorized", json(response).get("type").asText());
    assertTrue(json(response).get("detail").asText().contains(detail), json(response).toString());
    assertEquals(List.of(), intake.submitted(), "nothing is submitted");
  }

  @Test
  void requestSignedWithTheSecretIsAcceptedAsALeadForTheConfiguredForm() throws IOException {
    HookResponse response = hook.handle(signedNow(ITEM), intake);

    assertEquals(202, response.status());
    Submission submission = intake.submitted().get(0);
    assertEquals("contact", submission.formId());
    assertEquals(Map.of("email", List.of("ada@acme.de"), "lastName", List.of("Lovelace")), submission.values());
    assertEquals(Optional.of("00Q1"), submission.crmRecordId());
    assertEquals(Optional.of("hook:shop:evt-1"), submission.idempotencyKey());
    assertEquals(JSON.readTree(ITEM), JSON.readTree(submission.body()));
    assertEquals("application/json", submission.contentType());
    assertEquals(clock.instant(), submission.receivedAt());
    assertEquals(Submission.RequestContext.NONE, submission.context(), "the sender's address is not the person's");
    assertEquals("/hooks/generic/shop", hook.path());
  }

  @Test
  void signatureWithSha256PrefixInUpperCaseIsAccepted() {
    long now = clock.instant().getEpochSecond();
    HookRequest request = request("POST", Map.of("Content-Type", "application/json",
        "X-LeadGate-Timestamp", Long.toString(now),
        "X-LeadGate-Signature", "sha256=" + signature(SECRET, now, ITEM).toUpperCase()), ITEM, clock.instant());

    assertEquals(202, hook.handle(request, intake).status());
  }

  @Test
  void tamperedBodyIsRefused() throws IOException {
    HookRequest genuine = signedNow(ITEM);
    HookRequest tampered = request("POST", genuine.headers(), ITEM.replace("ada@acme.de", "eve@evil.example"),
        clock.instant());

    assertUnauthorized(hook.handle(tampered, intake), "invalid signature");
  }

  @Test
  void requestSignedWithAnotherSecretIsRefused() throws IOException {
    HookRequest request = signed(ITEM, "not-the-shop-secret-at-all", clock.instant(), clock.instant());

    assertUnauthorized(hook.handle(request, intake), "invalid signature");
  }

  @Test
  void timestampOlderThanTheToleranceIsRefused() throws IOException {
    Instant signedAt = clock.instant().minus(Duration.ofMinutes(5)).minusSeconds(1);

    assertUnauthorized(hook.handle(signed(ITEM, SECRET, signedAt, clock.instant()), intake), "tolerance");
  }

  @Test
  void timestampTooFarInTheFutureIsRefusedButOneWithinTheToleranceIsAccepted() throws IOException {
    Instant future = clock.instant().plus(Duration.ofMinutes(6));
    assertUnauthorized(hook.handle(signed(ITEM, SECRET, future, clock.instant()), intake), "tolerance");

    Instant slightlyOld = clock.instant().minus(Duration.ofMinutes(4));
    assertEquals(202, hook.handle(signed(ITEM, SECRET, slightlyOld, clock.instant()), intake).status());
  }

  @Test
  void timestampWithTheSignatureChangedIsRefusedAsInvalid() throws IOException {
    HookRequest genuine = signedNow(ITEM);
    Map<String, String> headers = new java.util.HashMap<>(genuine.headers());
    headers.put("x-leadgate-timestamp", Long.toString(clock.instant().getEpochSecond() + 1));

    assertUnauthorized(hook.handle(request("POST", headers, ITEM, clock.instant()), intake), "invalid signature");
  }

  @Test
  void missingOrMalformedSignatureHeadersAreRefused() throws IOException {
    String now = Long.toString(clock.instant().getEpochSecond());
    assertUnauthorized(hook.handle(request("POST", Map.of("Content-Type", "application/json",
        "X-LeadGate-Timestamp", now), ITEM, clock.instant()), intake), "X-LeadGate-Signature");
    assertUnauthorized(hook.handle(request("POST", Map.of("Content-Type", "application/json",
        "X-LeadGate-Timestamp", now, "X-LeadGate-Signature", "not-hex"), ITEM, clock.instant()), intake),
        "X-LeadGate-Signature");
    assertUnauthorized(hook.handle(request("POST", Map.of("Content-Type", "application/json",
        "X-LeadGate-Timestamp", "yesterday", "X-LeadGate-Signature", signature(SECRET, 0, ITEM)), ITEM,
        clock.instant()), intake), "X-LeadGate-Timestamp");
  }

  @Test
  void sameSignedRequestAgainIsRefusedAsAReplay() throws IOException {
    HookRequest request = signedNow(ITEM);
    assertEquals(202, hook.handle(request, intake).status());

    clock.advance(Duration.ofSeconds(30));
    HookResponse replay = hook.handle(signed(ITEM, SECRET, clock.instant().minusSeconds(30), clock.instant()),
        intake);

    assertEquals(401, replay.status());
    assertTrue(json(replay).get("detail").asText().contains("replay"));
    assertEquals(1, intake.submitted().size());
  }

  @Test
  void requestThatCouldNotBeStoredMayBeSentAgainWithTheSameSignature() {
    HookRequest request = signedNow(ITEM);
    intake.storageDown(true);
    assertThrows(StorageUnavailableException.class, () -> hook.handle(request, intake));

    intake.storageDown(false);
    assertEquals(202, hook.handle(request, intake).status());
  }

  @Test
  void refusedItemsDoNotUseUpTheSignature() {
    String bad = ITEM.replace("ada@acme.de", "no-address");
    HookRequest request = signedNow(bad);

    assertEquals(400, hook.handle(request, intake).status());
    assertEquals(400, hook.handle(request, intake).status(), "answered for its items again, not as a replay");
  }

  @Test
  void signatureAndTimestampHeadersCanBeRenamed() {
    InboundHook renamed = Webhooks.hook(source(Map.of("hmac", Map.of("secret", SECRET,
        "signatureHeader", "X-Shop-Hmac", "timestampHeader", "X-Shop-Time", "tolerance", "30s")), Map.of()), clock);
    long now = clock.instant().getEpochSecond();

    HookResponse response = renamed.handle(request("POST", Map.of("Content-Type", "application/json",
        "X-Shop-Time", Long.toString(now), "X-Shop-Hmac", signature(SECRET, now, ITEM)), ITEM, clock.instant()),
        intake);

    assertEquals(202, response.status());
    assertEquals(401, renamed.handle(signed(ITEM, SECRET, clock.instant().minusSeconds(31), clock.instant()),
        intake).status(), "the default headers are not looked at, and the tolerance is 30s");
  }

  @Test
  void bearerTokenLetsTheRequestIn() {
    InboundHook bearerHook = Webhooks.hook(source(bearer(), Map.of()), clock);

    HookResponse response = bearerHook.handle(request("POST", Map.of("Content-Type", "application/json",
        "Authorization", "Bearer " + TOKEN), ITEM, clock.instant()), intake);

    assertEquals(202, response.status());
    assertEquals(1, intake.submitted().size());
  }

  @Test
  void wrongOrMissingBearerTokenIsRefusedWithAChallenge() throws IOException {
    InboundHook bearerHook = Webhooks.hook(source(bearer(), Map.of()), clock);

    HookResponse wrong = bearerHook.handle(request("POST", Map.of("Content-Type", "application/json",
        "Authorization", "Bearer " + TOKEN + "x"), ITEM, clock.instant()), intake);
    HookResponse missing = bearerHook.handle(request("POST", Map.of("Content-Type", "application/json"), ITEM,
        clock.instant()), intake);
    HookResponse signedInstead = bearerHook.handle(signedNow(ITEM), intake);

    assertUnauthorized(wrong, "wrong bearer token");
    assertEquals("Bearer realm=\"leadgate-hooks\"", wrong.headers().get("WWW-Authenticate"));
    assertUnauthorized(missing, "missing bearer token");
    assertUnauthorized(signedInstead, "missing bearer token");
  }
}
