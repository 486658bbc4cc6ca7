package org.leadgate.crm.generic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadgate.lead.Lead;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.testing.MutableClock;

/**
 * The {@code hubspot-contacts} preset against an emulation of HubSpot's CRM v3 contacts API as documented: batch
 * upsert by email, create, update by id, and HubSpot's error answers (CONFLICT, VALIDATION_ERROR, 207 multi-status,
 * rate limit, bad token).
 */
class HubSpotContactsPresetTest {
  private static final String TOKEN = "pat-eu1-0000-test";
  private static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";
  private static final String CONTACTS = "/crm/v3/objects/contacts";

  @RegisterExtension
  static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(TestLeads.NOW);
  private CrmAdapter adapter;

  private final Lead ada = TestLeads.scored(TestLeads.lead("lead-ada", "email", "ada@example.de", "firstName", "Ada",
      "lastName", "Lovelace", "company", "Analytical Engines", "jobTitle", "Analyst"), 40, 20, "mql");
  private final Lead grace = TestLeads.scored(
      TestLeads.lead("lead-grace", "email", "Grace@Example.com", "lastName", "Hopper", "phone", "+14155550100"),
      10, 0, "lead");

  @AfterEach
  void close() {
    if (adapter != null) {
      adapter.close();
    }
  }

  @Test
  void newLeadsAreUpsertedByEmailInOneBatchAndEachKeepsItsContactIdForTheNextUpdate() {
    hubspot.stubFor(post(UPSERT).willReturn(json(200, """
        {"status": "COMPLETE", "startedAt": "2026-11-23T10:15:30.100Z", "completedAt": "2026-11-23T10:15:30.300Z",
         "results": [
           {"id": "512", "new": true, "archived": false, "createdAt": "2026-11-23T10:15:30.200Z",
            "updatedAt": "2026-11-23T10:15:30.200Z",
            "properties": {"email": "grace@example.com", "lastname": "Hopper", "hs_object_id": "512"}},
           {"id": "511", "new": false, "archived": false, "createdAt": "2025-01-02T08:00:00Z",
            "updatedAt": "2026-11-23T10:15:30.200Z",
            "properties": {"email": "ada@example.de", "firstname": "Ada", "hs_object_id": "511"}}]}""")));
    adapter = hubspot("");

    assertEquals(100, adapter.batchLimit());
    List<DeliveryResult> results = adapter.deliverAll(List.of(TestLeads.delivery(ada), TestLeads.delivery(grace)));

    assertEquals(List.of(DeliveryResult.delivered("511"), DeliveryResult.delivered("512")), results);
    hubspot.verify(1, postRequestedFor(urlEqualTo(UPSERT))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("Idempotency-Key", matching("batch-[0-9a-f]{64}"))
        .withRequestBody(equalToJson("""
            {"inputs": [
              {"idProperty": "email", "id": "ada@example.de",
               "properties": {"email": "ada@example.de", "firstname": "Ada", "lastname": "Lovelace",
                              "company": "Analytical Engines", "jobtitle": "Analyst",
                              "lifecyclestage": "marketingqualifiedlead"}},
              {"idProperty": "email", "id": "Grace@Example.com",
               "properties": {"email": "Grace@Example.com", "lastname": "Hopper", "phone": "+14155550100",
                              "lifecyclestage": "lead"}}]}""")));

    hubspot.stubFor(patch(CONTACTS + "/511").willReturn(json(200, """
        {"id": "511", "archived": false, "createdAt": "2025-01-02T08:00:00Z", "updatedAt": "2026-11-23T11:00:00Z",
         "properties": {"email": "ada@example.de", "lifecyclestage": "salesqualifiedlead"}}""")));
    Lead adaLater = TestLeads.scored(ada, 40, 60, "sql");
    DeliveryResult updated = adapter.deliver(new Delivery(adaLater, "lead-ada:crm:2", 1,
        ((DeliveryResult.Delivered) results.get(0)).crmRecordId()));

    assertEquals(DeliveryResult.delivered("511"), updated);
    hubspot.verify(1, patchRequestedFor(urlEqualTo(CONTACTS + "/511"))
        .withHeader("Idempotency-Key", equalTo("lead-ada:crm:2"))
        .withRequestBody(equalToJson("""
            {"properties": {"email": "ada@example.de", "firstname": "Ada", "lastname": "Lovelace",
                            "company": "Analytical Engines", "jobtitle": "Analyst",
                            "lifecyclestage": "salesqualifiedlead"}}""")));
  }

  @Test
  void withBatchSwitchedOffANewLeadIsCreatedAndTheReturnedIdAddressesTheUpdate() {
    hubspot.stubFor(post(CONTACTS).willReturn(json(201, """
        {"id": "1001", "archived": false, "createdAt": "2026-11-23T10:15:30Z", "updatedAt": "2026-11-23T10:15:30Z",
         "properties": {"email": "grace@example.com", "hs_object_id": "1001"}}""")));
    hubspot.stubFor(patch(CONTACTS + "/1001").willReturn(json(200, "{\"id\": \"1001\", \"properties\": {}}")));
    adapter = hubspot("batch: {enabled: false}");

    assertEquals(1, adapter.batchLimit());
    DeliveryResult created = adapter.deliver(TestLeads.delivery(grace));
    DeliveryResult updated = adapter.deliver(TestLeads.delivery(grace, "1001"));

    assertEquals(DeliveryResult.delivered("1001"), created);
    assertEquals(DeliveryResult.delivered("1001"), updated);
    String properties = """
        {"properties": {"email": "Grace@Example.com", "lastname": "Hopper", "phone": "+14155550100",
                        "lifecyclestage": "lead"}}""";
    hubspot.verify(1, postRequestedFor(urlEqualTo(CONTACTS)).withHeader("Idempotency-Key", equalTo("lead-grace:crm"))
        .withRequestBody(equalToJson(properties)));
    hubspot.verify(1, patchRequestedFor(urlEqualTo(CONTACTS + "/1001")).withRequestBody(equalToJson(properties)));
  }

  @Test
  void creatingAnEmailHubSpotAlreadyHasIsRejectedWithItsConflictAnswer() {
    hubspot.stubFor(post(CONTACTS).willReturn(json(409, """
        {"status": "error", "message": "Contact already exists. Existing ID: 2926551",
         "correlationId": "b6881283-187e-4088-a778-5c933a14547c", "category": "CONFLICT"}""")));
    adapter = hubspot("batch: {enabled: false}");

    DeliveryResult.Rejected rejected =
        assertInstanceOf(DeliveryResult.Rejected.class, adapter.deliver(TestLeads.delivery(grace)));
    assertTrue(rejected.reason().startsWith("CRM answered 409: "), rejected.reason());
    assertTrue(rejected.reason().contains("\"category\": \"CONFLICT\""), rejected.reason());
  }

  @Test
  void aBatchRefusedForOneInvalidEmailIsSplitSoThatOnlyThatLeadIsRejected() {
    Lead bad = TestLeads.lead("lead-bad", "email", "bad@@example", "lastName", "Typo");
    hubspot.stubFor(post(UPSERT).atPriority(5).willReturn(json(400, validationError())));
    hubspot.stubFor(post(UPSERT).atPriority(1)
        .withRequestBody(equalToJson("""
            {"inputs": [{"idProperty": "email", "id": "ada@example.de", "properties": "${json-unit.ignore}"}]}"""))
        .willReturn(json(200, """
            {"status": "COMPLETE", "results": [{"id": "511", "properties": {"email": "ada@example.de"}}]}""")));
    adapter = hubspot("");

    List<DeliveryResult> results = adapter.deliverAll(List.of(TestLeads.delivery(bad), TestLeads.delivery(ada)));

    DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class, results.get(0));
    assertTrue(rejected.reason().contains("VALIDATION_ERROR"), rejected.reason());
    assertEquals(DeliveryResult.delivered("511"), results.get(1));
    hubspot.verify(3, postRequestedFor(urlEqualTo(UPSERT)));
    hubspot.verify(1, postRequestedFor(urlEqualTo(UPSERT)).withHeader("Idempotency-Key", equalTo("lead-bad:crm")));
  }

  @Test
  void aLeadTheMultiStatusAnswerListsNoResultForIsRetriedAndTheOthersDelivered() {
    hubspot.stubFor(post(UPSERT).willReturn(json(207, """
        {"status": "COMPLETE", "numErrors": 1,
         "results": [{"id": "511", "properties": {"email": "ada@example.de"}}],
         "errors": [{"status": "error", "category": "VALIDATION_ERROR", "message": "Property values were not valid",
                     "context": {}}]}""")));
    adapter = hubspot("");

    List<DeliveryResult> results = adapter.deliverAll(List.of(TestLeads.delivery(ada), TestLeads.delivery(grace)));

    assertEquals(DeliveryResult.delivered("511"), results.get(0));
    assertEquals(DeliveryResult.retry("CRM answered 207 to the batch but listed no result for this lead"),
        results.get(1));
  }

  @Test
  void aRateLimitedBatchIsRetriedForEveryLead() {
    hubspot.stubFor(post(UPSERT).willReturn(json(429, """
        {"status": "error", "message": "You have reached your ten_secondly_rolling limit.", "errorType": "RATE_LIMIT",
         "correlationId": "5a0f-0000", "policyName": "TEN_SECONDLY_ROLLING", "requestId": "7f3c-0000"}""")
        .withHeader("X-HubSpot-RateLimit-Max", "100")
        .withHeader("X-HubSpot-RateLimit-Remaining", "0")
        .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")));
    adapter = hubspot("");

    List<DeliveryResult> results = adapter.deliverAll(List.of(TestLeads.delivery(ada), TestLeads.delivery(grace)));

    assertEquals(2, results.size());
    results.forEach(r -> assertTrue(assertInstanceOf(DeliveryResult.Retry.class, r).reason().contains("RATE_LIMIT")));
  }

  @Test
  void aRevokedTokenKeepsTheLeadsQueuedInsteadOfRejectingThem() {
    hubspot.stubFor(post(UPSERT).willReturn(json(401, """
        {"status": "error", "message": "Authentication credentials not found.",
         "correlationId": "c2a0-0000", "category": "INVALID_AUTHENTICATION"}""")));
    adapter = hubspot("");

    assertInstanceOf(DeliveryResult.Retry.class, adapter.deliver(TestLeads.delivery(ada)));
  }

  private CrmAdapter hubspot(String overrides) {
    return TestSettings.adapter("""
        preset: hubspot-contacts
        baseUrl: %s
        auth: {token: %s}
        %s
        """.formatted(hubspot.baseUrl(), TOKEN, overrides), clock);
  }

  private static String validationError() {
    return """
        {"status": "error", "message": "Property values were not valid: [{\\"isValid\\":false,\\"message\\":\\"Email \
        address bad@@example is invalid\\",\\"error\\":\\"INVALID_EMAIL\\",\\"name\\":\\"email\\"}]",
         "correlationId": "9d1c-0000", "category": "VALIDATION_ERROR"}""";
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=utf-8").withBody(body);
  }
}
