package org.leadgate.crm.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.testing.MutableClock;

class CollectionsDeliveryTest {
  private static final String UPSERT = "PATCH composite/sobjects/Lead/LeadGate_Id__c";
  private static final String UPDATE = "PATCH composite/sobjects";

  private final MutableClock clock = MutableClock.atFixedStart();
  private final SalesforceEmulator salesforce = new SalesforceEmulator(clock);
  private SalesforceAdapter adapter;

  @AfterEach
  void close() {
    if (adapter != null) {
      adapter.close();
    }
    salesforce.close();
  }

  @Test
  void upserts_a_batch_in_one_collection_call_and_delivers_each_lead_to_its_new_record() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);
    List<Delivery> batch = TestLeads.people("lead", 3);

    List<DeliveryResult> results = adapter.deliverAll(batch);

    assertEquals(List.of(UPSERT), salesforce.calls());
    for (int i = 0; i < 3; i++) {
      ObjectNode record = salesforce.org.byExternalId("Lead", "LeadGate_Id__c", "lead-" + i).orElseThrow();
      assertEquals(DeliveryResult.delivered(record.path("Id").asText()), results.get(i));
      assertEquals("lead-" + i + "@example.com", record.path("Email").asText());
      assertEquals("Analytical Engines Ltd", record.path("Company").asText());
    }
  }

  @Test
  void delivering_a_lead_again_updates_its_record_instead_of_creating_a_second() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);
    Lead first = TestLeads.person("lead-1");
    DeliveryResult created = adapter.deliver(TestLeads.delivery(first));

    DeliveryResult again = adapter.deliver(TestLeads.delivery(first.withField("company",
        new FieldValue("Babbage & Co", Provenance.typed("contact", TestLeads.RECEIVED)))));

    assertEquals(created, again);
    assertEquals(1, salesforce.org.records("Lead").size());
    assertEquals("Babbage & Co", salesforce.org.records("Lead").get(0).path("Company").asText());
  }

  @Test
  void mixed_batch_rejects_only_the_records_salesforce_refuses_and_delivers_the_others_with_their_ids() {
    adapter = TestSettings.jwtBearer(salesforce)
        .with("fields", Map.of("lastName", "LastName", "company", "Company", "email", "Email",
            "postalCode", "PostalCode", "note", "LeadGate_Reasons__c"))
        .adapter(clock);
    List<Delivery> batch = List.of(
        TestLeads.delivery(TestLeads.person("ok-1")),
        TestLeads.delivery(TestLeads.lead("bad-postcode", Map.of("lastName", "Rossi", "postalCode", "00000"))),
        TestLeads.delivery(TestLeads.lead("bad-email", Map.of("lastName", "Rossi", "email", "not-an-address"))),
        TestLeads.delivery(TestLeads.lead("too-long", Map.of("lastName", "Rossi", "note", "x".repeat(300)))),
        TestLeads.delivery(TestLeads.person("ok-2")));

    List<DeliveryResult> results = adapter.deliverAll(batch);

    assertEquals(1, salesforce.apiCalls());
    assertDelivered(results.get(0), "ok-1");
    assertRejected(results.get(1), "FIELD_CUSTOM_VALIDATION_EXCEPTION", "PostalCode");
    assertRejected(results.get(2), "INVALID_EMAIL_ADDRESS", "Email");
    assertRejected(results.get(3), "STRING_TOO_LONG", "LeadGate_Reasons__c");
    assertDelivered(results.get(4), "ok-2");
    assertEquals(2, salesforce.org.records("Lead").size());
  }

  @Test
  void a_locked_row_retries_only_that_lead() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);
    salesforce.org.lockOnce("lead-1");

    List<DeliveryResult> results = adapter.deliverAll(TestLeads.people("lead", 3));

    assertDelivered(results.get(0), "lead-0");
    DeliveryResult.Retry retry = assertInstanceOf(DeliveryResult.Retry.class, results.get(1));
    assertTrue(retry.reason().contains("UNABLE_TO_LOCK_ROW"), retry.reason());
    assertDelivered(results.get(2), "lead-2");
    assertDelivered(adapter.deliver(TestLeads.delivery(TestLeads.person("lead-1"))), "lead-1");
  }

  @Test
  void a_lead_with_a_known_salesforce_id_is_updated_by_id_in_its_own_collection_call() {
    String existing = salesforce.org.seed("Lead", Map.of("LastName", "Rossi", "Company", "Globex GmbH"));
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);

    List<DeliveryResult> results = adapter.deliverAll(List.of(
        TestLeads.delivery(TestLeads.person("new-1")),
        TestLeads.update(TestLeads.lead("from-sf", Map.of("email", "m.rossi@globex.example")), existing)));

    assertEquals(List.of(UPSERT, UPDATE), salesforce.calls());
    assertDelivered(results.get(0), "new-1");
    assertEquals(DeliveryResult.delivered(existing), results.get(1));
    ObjectNode updated = salesforce.org.byId("Lead", existing).orElseThrow();
    assertEquals("m.rossi@globex.example", updated.path("Email").asText());
    assertEquals("from-sf", updated.path("LeadGate_Id__c").asText(), "linked for later upserts");
    assertEquals("Rossi", updated.path("LastName").asText(), "no default written over the record's own value");
  }

  @Test
  void a_batch_larger_than_the_batch_size_is_sent_in_collections_of_that_size() {
    adapter = TestSettings.jwtBearer(salesforce).with("batch", Map.of("size", 200)).adapter(clock);

    List<DeliveryResult> results = adapter.deliverAll(TestLeads.people("lead", 450));

    assertEquals(List.of(UPSERT, UPSERT, UPSERT), salesforce.calls());
    assertTrue(results.stream().allMatch(DeliveryResult.Delivered.class::isInstance));
    assertEquals(450, salesforce.org.records("Lead").size());
  }

  @Test
  void service_unavailable_retries_the_whole_batch_after_retry_after_and_then_recovers() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);
    salesforce.answerNext(503, "", Map.of("Retry-After", "7"));
    List<Delivery> batch = TestLeads.people("lead", 2);

    List<DeliveryResult> first = adapter.deliverAll(batch);

    for (DeliveryResult result : first) {
      DeliveryResult.Retry retry = assertInstanceOf(DeliveryResult.Retry.class, result);
      assertEquals(Optional.of(Duration.ofSeconds(7)), retry.retryAfter());
      assertTrue(retry.reason().startsWith("Salesforce answered 503"), retry.reason());
    }
    List<DeliveryResult> second = adapter.deliverAll(batch);
    assertDelivered(second.get(0), "lead-0");
    assertDelivered(second.get(1), "lead-1");
  }

  @Test
  void request_limit_exceeded_retries_the_batch_until_the_pause_ends_without_reauthenticating() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);
    adapter.deliver(TestLeads.delivery(TestLeads.person("warm-up")));
    salesforce.allowance(15_000, 15_000);

    List<DeliveryResult> results = adapter.deliverAll(TestLeads.people("lead", 2));

    for (DeliveryResult result : results) {
      DeliveryResult.Retry retry = assertInstanceOf(DeliveryResult.Retry.class, result);
      assertTrue(retry.reason().contains("REQUEST_LIMIT_EXCEEDED"), retry.reason());
      assertEquals(Optional.of(Duration.ofHours(1)), retry.retryAfter(), "until the next full hour");
    }
    assertEquals(1, salesforce.tokenRequests());
    assertEquals(true, adapter.health().get("paused"));
  }

  @Test
  void request_limit_exceeded_for_concurrency_retries_with_the_servers_wait() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);
    salesforce.answerNext(403, "[{\"message\":\"ConcurrentPerOrgLongTxn Limit exceeded.\","
        + "\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]", Map.of("Retry-After", "30"));

    DeliveryResult.Retry retry = assertInstanceOf(DeliveryResult.Retry.class,
        adapter.deliver(TestLeads.delivery(TestLeads.person("lead-1"))));

    assertEquals(Optional.of(Duration.ofSeconds(30)), retry.retryAfter());
    assertEquals(false, adapter.health().get("paused"));
  }

  @Test
  void reaching_the_configured_share_of_the_daily_allowance_pauses_calls_until_the_next_hour() {
    adapter = TestSettings.jwtBearer(salesforce).with("limits", Map.of("maxDailyShare", 0.8)).adapter(clock);
    salesforce.allowance(11_999, 15_000);

    assertDelivered(adapter.deliver(TestLeads.delivery(TestLeads.person("lead-1"))), "lead-1");
    int callsBefore = salesforce.apiCalls();
    List<DeliveryResult> paused = adapter.deliverAll(TestLeads.people("later", 2));

    assertEquals(callsBefore, salesforce.apiCalls(), "no call while paused");
    DeliveryResult.Deferred deferred = assertInstanceOf(DeliveryResult.Deferred.class, paused.get(0));
    assertEquals(Duration.ofHours(1), deferred.retryAfter());
    assertTrue(deferred.reason().contains("paused until 2026-01-05T10:00:00Z"), deferred.reason());
    Map<String, Object> health = adapter.health();
    assertEquals(12_000L, health.get("apiUsed"));
    assertEquals(15_000L, health.get("apiMax"));
    assertEquals(0.8, health.get("apiShare"));
    assertEquals(true, health.get("paused"));
    assertEquals("2026-01-05T10:00:00Z", health.get("pausedUntil"));

    salesforce.allowance(9_000, 15_000);
    clock.advance(Duration.ofHours(1));
    assertDelivered(adapter.deliverAll(TestLeads.people("later", 2)).get(0), "later-0");
    assertEquals(false, adapter.health().get("paused"));
  }

  @Test
  void an_unknown_field_in_the_mapping_rejects_the_batch_with_salesforces_reason() {
    adapter = TestSettings.jwtBearer(salesforce).with("fields", Map.of("email", "Emial__c")).adapter(clock);

    DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class,
        adapter.deliver(TestLeads.delivery(TestLeads.person("lead-1"))));

    assertTrue(rejected.reason().contains("400 INVALID_FIELD: No such column 'Emial__c'"), rejected.reason());
  }

  @Test
  void an_external_id_field_salesforce_does_not_have_rejects_with_the_404() {
    adapter = TestSettings.jwtBearer(salesforce).with("externalIdField", "Gateway_Id__c").adapter(clock);

    DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class,
        adapter.deliver(TestLeads.delivery(TestLeads.person("lead-1"))));

    assertTrue(rejected.reason().contains("404 NOT_FOUND"), rejected.reason());
    assertTrue(rejected.reason().contains("externalIdField"), rejected.reason());
  }

  @Test
  void a_server_error_retries() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);
    salesforce.answerNext(500, "[{\"message\":\"An unexpected error occurred.\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]",
        Map.of());

    assertInstanceOf(DeliveryResult.Retry.class, adapter.deliver(TestLeads.delivery(TestLeads.person("lead-1"))));
  }

  @Test
  void upserts_send_the_configured_auto_assign_and_updates_of_known_records_never_reassign() {
    String existing = salesforce.org.seed("Lead", Map.of("LastName", "Rossi", "Company", "Globex GmbH"));
    adapter = TestSettings.jwtBearer(salesforce).with("autoAssign", "TRUE").adapter(clock);

    adapter.deliverAll(List.of(TestLeads.delivery(TestLeads.person("new-1")),
        TestLeads.update(TestLeads.person("from-sf"), existing)));

    assertEquals(List.of("TRUE", "FALSE"), salesforce.headers("Sforce-Auto-Assign"));
  }

  private static void assertDelivered(DeliveryResult result, String leadId) {
    DeliveryResult.Delivered delivered = assertInstanceOf(DeliveryResult.Delivered.class, result, leadId);
    assertTrue(delivered.crmRecordId().orElseThrow().startsWith("00Q"), delivered.toString());
  }

  private static void assertRejected(DeliveryResult result, String code, String field) {
    DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class, result);
    assertTrue(rejected.reason().contains(code), rejected.reason());
    assertTrue(rejected.reason().contains("fields: " + field), rejected.reason());
  }
}
