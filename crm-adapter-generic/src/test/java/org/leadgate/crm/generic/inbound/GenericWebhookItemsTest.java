package org.leadgate.crm.generic.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.crm.generic.inbound.Webhooks.bearer;
import static org.leadgate.crm.generic.inbound.Webhooks.request;
import static org.leadgate.crm.generic.inbound.Webhooks.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leadgate.intake.Submission;
import org.leadgate.spi.HookResponse;
import org.leadgate.spi.InboundHook;

/**
 * What a generic webhook makes of an authenticated request's body: the JSON items, mapped and checked all before
 * any is submitted; bad bodies refused with nothing submitted; LeadGate's own write-backs skipped.
 */
class GenericWebhookItemsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestClock clock = new TestClock();
  private final RecordingIntake intake = new RecordingIntake();
  private final InboundHook hook = Webhooks.hook(source(bearer(), Map.of("maxItems", 3, "maxBodyBytes", 2048)),
      clock);

  private HookResponse post(InboundHook target, String contentType, String body) {
    return target.handle(request("POST", Map.of("Content-Type", contentType, "Authorization", "Bearer "
        + Webhooks.TOKEN), body, clock.instant()), intake);
  }

  private HookResponse post(String contentType, String body) {
    return post(hook, contentType, body);
  }

  private HookResponse post(String body) {
    return post("application/json", body);
  }

  private static String item(String eventId, String email) {
    return "{\"eventId\":\"" + eventId + "\",\"contact\":{\"email\":\"" + email + "\",\"name\":\"Lovelace\"}}";
  }

  private static JsonNode json(HookResponse response) throws IOException {
    return JSON.readTree(response.body());
  }

  private void assertProblem(HookResponse response, int status, String type) throws IOException {
    assertEquals(status, response.status(), new String(response.body()));
    assertEquals("https://leadgate.org/problems/" + type, json(response).get("type").asText());
    assertEquals(List.of(), intake.submitted(), "nothing is submitted");
  }

  private List<String> errorFields(HookResponse response) throws IOException {
    return json(response).get("errors").findValuesAsText("field");
  }

  @Test
  void arrayOfItemsBecomesOneLeadPerItemInOrder() throws IOException {
    HookResponse response = post("[" + item("e1", "ada@acme.de") + "," + item("e2", "grace@acme.de") + "]");

    assertEquals(202, response.status());
    assertEquals(List.of("ada@acme.de", "grace@acme.de"),
        intake.submitted().stream().map(s -> s.first("email").orElseThrow()).toList());
    assertEquals(List.of(Optional.of("hook:shop:e1"), Optional.of("hook:shop:e2")),
        intake.submitted().stream().map(Submission::idempotencyKey).toList());
    JsonNode leads = json(response).get("leads");
    assertEquals(List.of(0, 1), List.of(leads.get(0).get("item").asInt(), leads.get(1).get("item").asInt()));
    assertEquals(2, leads.findValuesAsText("leadId").stream().distinct().count());
    assertEquals(Optional.empty(), intake.submitted().get(0).crmRecordId(), "no id: a new CRM record");
  }

  @Test
  void sameEventIdAgainIsAnsweredWithTheEarlierLeadMarkedReplayed() throws IOException {
    String first = json(post(item("e1", "ada@acme.de"))).at("/leads/0/leadId").asText();

    JsonNode again = json(post(item("e1", "ada@acme.de"))).at("/leads/0");

    assertEquals(first, again.get("leadId").asText());
    assertTrue(again.get("replayed").asBoolean());
  }

  @Test
  void oneItemTheFormRefusesRefusesTheWholeRequestNamingItsIndexAndField() throws IOException {
    HookResponse response = post("[" + item("e1", "ada@acme.de") + "," + item("e2", "no-address") + ","
        + "{\"eventId\":\"e3\",\"contact\":{\"name\":\"Hopper\"}}]");

    assertProblem(response, 400, "invalid-fields");
    assertEquals(List.of("items[1].email", "items[2].email"), errorFields(response));
    assertEquals(List.of("is not a valid email address", "is required"),
        json(response).get("errors").findValuesAsText("reason"));
  }

  @Test
  void itemsTheMappingCannotReadAreRefusedByIndex() throws IOException {
    HookResponse response = post("[\"ada@acme.de\", {\"contact\":{\"email\":{\"work\":\"ada@acme.de\"}}},"
        + " {\"id\":{\"x\":1},\"eventId\":\"e3\",\"contact\":{\"email\":\"ada@acme.de\"}}]");

    assertProblem(response, 400, "invalid-fields");
    assertEquals(List.of("items[0]", "items[1].email", "items[1].eventId", "items[2].crmRecordId"),
        errorFields(response));
  }

  /** An item whose {@code updatedAt} is the JSON {@code value}. */
  private static String changedAt(String eventId, String value) {
    return "{\"eventId\":\"" + eventId + "\",\"updatedAt\":" + value + ",\"contact\":{\"email\":\"a@acme.de\"}}";
  }

  @Test
  void theTimeTheCrmRecordChangedIsReadFromIsoTextOrUnixTimeAndItsValuesCountAsOfIt() throws IOException {
    InboundHook withChangedAt = Webhooks.hook(source(bearer(), Map.of("changedAt", "/updatedAt", "maxItems", 7)),
        clock);
    List<String> items = List.of(changedAt("e1", "\"2026-03-01T10:26:53+01:00\""),
        changedAt("e2", "\"2026-03-01 10:26:53+01:00\""), changedAt("e3", "\"2026-03-01 09:26:53\""),
        changedAt("e4", "\"2026-03-01T09:26:53\""), changedAt("e5", "1772357213000"),
        changedAt("e6", "1772357213"), changedAt("e7", "null"));

    HookResponse response = post(withChangedAt, "application/json", "[" + String.join(",", items) + "]");

    assertEquals(202, response.status(), new String(response.body()));
    Optional<Instant> nineTwentySix = Optional.of(Instant.parse("2026-03-01T09:26:53Z"));
    assertEquals(List.of(nineTwentySix, nineTwentySix, nineTwentySix, nineTwentySix, nineTwentySix, nineTwentySix,
        Optional.empty()), intake.submitted().stream().map(Submission::changedAt).toList(),
        "with an offset (after a T or a space); without one as UTC; Unix milliseconds; Unix seconds; none");
    assertEquals(clock.instant(), intake.submitted().get(6).valuesAt(), "without a time, the receipt counts");
  }

  @Test
  void aChangedAtThatIsNoTimeRefusesTheRequestNamingTheItem() throws IOException {
    InboundHook withChangedAt = Webhooks.hook(source(bearer(), Map.of("changedAt", "/updatedAt")), clock);

    HookResponse response = post(withChangedAt, "application/json", "[" + changedAt("e1", "\"yesterday\"") + ","
        + changedAt("e2", "true") + "," + changedAt("e3", "1772357213.5") + "]");

    assertProblem(response, 400, "invalid-fields");
    assertEquals(List.of("items[0].changedAt", "items[1].changedAt", "items[2].changedAt"), errorFields(response));
  }

  @Test
  void itemsLeadGateWroteItselfAreAcknowledgedButNotTakenIn() throws IOException {
    String byIntegrationUser = "{\"eventId\":\"e2\",\"lastModifiedBy\":\"leadgate-integration\","
        + "\"contact\":{\"email\":\"grace@acme.de\"}}";
    String withMarker = "{\"eventId\":\"e3\",\"properties\":{\"leadgate_sync\":true},\"contact\":{\"email\":\"x\"}}";

    HookResponse response = post("[" + item("e1", "ada@acme.de") + "," + byIntegrationUser + "," + withMarker + "]");

    assertEquals(202, response.status());
    assertEquals(List.of("ada@acme.de"), intake.submitted().stream().map(s -> s.first("email").get()).toList());
    assertEquals("[{\"item\":1,\"reason\":\"loopGuard[0]\"},{\"item\":2,\"reason\":\"loopGuard[1]\"}]",
        json(response).get("skipped").toString());
  }

  @Test
  void requestWhoseItemsAreAllSkippedIsAnsweredWithOkAndNoLeads() throws IOException {
    HookResponse response = post("{\"lastModifiedBy\":\"leadgate-integration\"}");

    assertEquals(200, response.status());
    assertEquals(0, json(response).get("leads").size());
    assertEquals(List.of(), intake.submitted());
  }

  @Test
  void otherMediaTypesAndCharsetsAreRefused() throws IOException {
    assertProblem(post("text/plain", item("e1", "ada@acme.de")), 415, "unsupported-media-type");
    assertProblem(post("application/x-www-form-urlencoded", "email=ada%40acme.de"), 415, "unsupported-media-type");
    assertProblem(post("application/json; charset=iso-8859-1", item("e1", "ada@acme.de")), 415,
        "unsupported-media-type");
    assertEquals(202, post("application/json; charset=UTF-8", item("e1", "ada@acme.de")).status());
    assertEquals(202, post("application/vnd.shop+json", item("e2", "ada@acme.de")).status());
  }

  @Test
  void bodiesThatAreNoJsonObjectOrArrayAreRefusedAsMalformed() throws IOException {
    for (String body : List.of("", "{\"contact\":", "\"ada@acme.de\"", "[]", "{} {}", "{\"a\":1,\"a\":2}")) {
      assertProblem(post(body), 400, "malformed-body");
    }
  }

  @Test
  void jsonNestedDeeperThanTwentyLevelsIsRefused() throws IOException {
    String twenty = "[".repeat(JsonItems.MAX_DEPTH) + "]".repeat(JsonItems.MAX_DEPTH);
    String deeper = "{\"a\":" + twenty + "}";

    HookResponse response = post(deeper);

    assertProblem(response, 400, "malformed-body");
    assertTrue(json(response).get("detail").asText().contains("nested more than 20 levels"));
    // twenty levels parse: the item is then refused for what it holds
    assertProblem(post("{\"a\":" + "[".repeat(19) + "]".repeat(19) + "}"), 400, "invalid-fields");
  }

  @Test
  void bodyLargerThanTheSourceAllowsIsRefused() throws IOException {
    String large = "{\"eventId\":\"e1\",\"padding\":\"" + "x".repeat(2048) + "\"}";

    assertProblem(post(large), 413, "body-too-large");
  }

  @Test
  void moreItemsThanTheSourceAllowsAreRefused() throws IOException {
    String four = "[" + String.join(",", item("1", "a@acme.de"), item("2", "b@acme.de"), item("3", "c@acme.de"),
        item("4", "d@acme.de")) + "]";

    HookResponse response = post(four);

    assertProblem(response, 413, "too-many-items");
    assertTrue(json(response).get("detail").asText().contains("at most 3"));
  }

  @Test
  void onlyPostIsAllowed() throws IOException {
    HookResponse response = hook.handle(request("GET", Map.of("Authorization", "Bearer " + Webhooks.TOKEN), "",
        clock.instant()), intake);

    assertProblem(response, 405, "method-not-allowed");
    assertEquals("POST", response.headers().get("Allow"));
  }
}
