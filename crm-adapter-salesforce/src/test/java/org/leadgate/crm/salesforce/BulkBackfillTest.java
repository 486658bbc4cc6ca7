package org.leadgate.crm.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadgate.consent.Channel;
import org.leadgate.consent.ConsentStatus;
import org.leadgate.consent.Permissions;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.testing.MutableClock;

class BulkBackfillTest {
  private final MutableClock clock = MutableClock.atFixedStart();
  private final SalesforceEmulator salesforce = new SalesforceEmulator(clock);
  private SalesforceAdapter adapter;

  @AfterEach
  void close() {
    adapter.close();
    salesforce.close();
  }

  @Test
  void upserts_a_run_with_one_ingest_job_and_delivers_each_lead_to_its_record() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);
    List<Delivery> run = TestLeads.people("lead", 500);

    List<DeliveryResult> results = adapter.backfill().deliverAll(run);

    for (int i = 0; i < run.size(); i++) {
      ObjectNode record = salesforce.org.byExternalId("Lead", "LeadGate_Id__c", "lead-" + i).orElseThrow();
      assertEquals(DeliveryResult.delivered(record.path("Id").asText()), results.get(i));
    }
    assertEquals(List.of("POST jobs/ingest", "PUT jobs/ingest/7505j0000000001AAA/batches",
        "PATCH jobs/ingest/7505j0000000001AAA", "GET jobs/ingest/7505j0000000001AAA",
        "GET jobs/ingest/7505j0000000001AAA", "GET jobs/ingest/7505j0000000001AAA/successfulResults/",
        "GET jobs/ingest/7505j0000000001AAA/failedResults/"), salesforce.calls());
    assertEquals(Instant.parse("2026-01-05T09:00:05Z"), clock.instant(), "waited one poll interval");
  }

  @Test
  void failed_rows_are_rejected_with_salesforces_error_and_the_others_delivered() {
    adapter = TestSettings.jwtBearer(salesforce)
        .with("fields", Map.of("lastName", "LastName", "email", "Email", "postalCode", "PostalCode"))
        .adapter(clock);
    List<Delivery> run = new ArrayList<>(TestLeads.people("lead", 3));
    run.add(1, TestLeads.delivery(TestLeads.lead("bad-email", Map.of("lastName", "Rossi", "email", "nope"))));
    run.add(TestLeads.delivery(TestLeads.lead("bad-postcode", Map.of("lastName", "Rossi", "postalCode", "00000"))));

    List<DeliveryResult> results = adapter.backfill().deliverAll(run);

    assertInstanceOf(DeliveryResult.Delivered.class, results.get(0));
    DeliveryResult.Rejected email = assertInstanceOf(DeliveryResult.Rejected.class, results.get(1));
    assertTrue(email.reason().contains("INVALID_EMAIL_ADDRESS") && email.reason().contains("fields: Email"),
        email.reason());
    assertInstanceOf(DeliveryResult.Delivered.class, results.get(2));
    assertInstanceOf(DeliveryResult.Delivered.class, results.get(3));
    DeliveryResult.Rejected postcode = assertInstanceOf(DeliveryResult.Rejected.class, results.get(4));
    assertTrue(postcode.reason().contains("FIELD_CUSTOM_VALIDATION_EXCEPTION"), postcode.reason());
    assertEquals(3, salesforce.org.records("Lead").size());
  }

  @Test
  void deliver_all_switches_to_bulk_at_the_configured_threshold() {
    adapter = TestSettings.jwtBearer(salesforce).with("bulk", Map.of("threshold", 3)).adapter(clock);

    adapter.deliverAll(TestLeads.people("small", 2));
    adapter.deliverAll(TestLeads.people("large", 3));

    assertEquals(1, salesforce.bulk.jobCount());
    assertEquals(5, salesforce.org.records("Lead").size());
  }

  @Test
  void known_salesforce_ids_go_into_an_update_job_by_id() {
    String existing = salesforce.org.seed("Lead", Map.of("LastName", "Rossi", "Company", "Globex GmbH"));
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);

    List<DeliveryResult> results = adapter.backfill().deliverAll(List.of(
        TestLeads.delivery(TestLeads.person("new-1")),
        TestLeads.update(TestLeads.lead("from-sf", Map.of("email", "m.rossi@globex.example")), existing)));

    assertEquals(2, salesforce.bulk.jobCount());
    assertEquals(DeliveryResult.delivered(existing), results.get(1));
    ObjectNode updated = salesforce.org.byId("Lead", existing).orElseThrow();
    assertEquals("m.rossi@globex.example", updated.path("Email").asText());
    assertEquals("Rossi", updated.path("LastName").asText());
  }

  @Test
  void a_job_that_fails_as_a_whole_rejects_its_leads_with_the_jobs_error() {
    adapter = TestSettings.jwtBearer(salesforce).with("fields", Map.of("email", "Emial__c")).adapter(clock);

    DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class,
        adapter.backfill().deliverAll(TestLeads.people("lead", 2)).get(0));

    assertTrue(rejected.reason().contains("InvalidBatch : Field name not found : Emial__c"), rejected.reason());
  }

  @Test
  void duplicates_found_by_the_job_are_settled_through_collections() {
    String existing = salesforce.org.seed("Lead", Map.of("LastName", "Lovelace", "Company", "Old Company Ltd",
        "Email", "lead-1@example.com"));
    salesforce.org.duplicateRule(EmulatedOrg.DuplicateRule.ALERT);
    adapter = TestSettings.jwtBearer(salesforce).with("duplicates", "attach").adapter(clock);

    List<DeliveryResult> results = adapter.backfill().deliverAll(TestLeads.people("lead", 3));

    assertEquals(DeliveryResult.delivered(existing), results.get(1));
    assertInstanceOf(DeliveryResult.Delivered.class, results.get(0));
    assertEquals(3, salesforce.org.records("Lead").size());
  }

  @Test
  void consent_flags_travel_in_the_csv_and_full_mode_objects_follow_in_collections() {
    adapter = TestSettings.jwtBearer(salesforce).with("consent", Map.of("mode", "full",
        "purposes", Map.of("newsletter", "Marketing"))).adapter(clock);
    Delivery permitted = TestLeads.delivery(TestLeads.person("lead-1").withPermissions(new Permissions(List.of(
        TestLeads.permission(Channel.EMAIL, "newsletter", ConsentStatus.CONFIRMED)))));

    assertInstanceOf(DeliveryResult.Delivered.class, adapter.backfill().deliverAll(List.of(permitted)).get(0));

    ObjectNode lead = salesforce.org.byExternalId("Lead", "LeadGate_Id__c", "lead-1").orElseThrow();
    assertEquals(false, lead.path("HasOptedOutOfEmail").asBoolean());
    assertEquals(true, lead.path("DoNotCall").asBoolean());
    assertTrue(lead.hasNonNull("IndividualId"));
    assertEquals(1, salesforce.org.records("ContactPointTypeConsent").size());
  }

  @Test
  void an_assignment_rule_id_applies_to_the_upsert_job_only() {
    String existing = salesforce.org.seed("Lead", Map.of("LastName", "Rossi", "Company", "Globex GmbH"));
    adapter = TestSettings.jwtBearer(salesforce).with("autoAssign", "01Q5j000000ABCDEAA").adapter(clock);

    adapter.backfill().deliverAll(List.of(TestLeads.delivery(TestLeads.person("new-1")),
        TestLeads.update(TestLeads.person("from-sf"), existing)));

    assertEquals(List.of("01Q5j000000ABCDEAA", ""), salesforce.bulk.assignmentRules());
  }

  @Test
  void while_paused_the_run_is_deferred_without_a_call() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);
    salesforce.allowance(14_000, 15_000);
    adapter.deliver(TestLeads.delivery(TestLeads.person("warm-up")));
    int calls = salesforce.apiCalls();

    DeliveryResult.Deferred deferred = assertInstanceOf(DeliveryResult.Deferred.class,
        adapter.backfill().deliverAll(TestLeads.people("lead", 3)).get(0));

    assertEquals(calls, salesforce.apiCalls());
    assertEquals(Duration.ofHours(1), deferred.retryAfter());
  }
}
