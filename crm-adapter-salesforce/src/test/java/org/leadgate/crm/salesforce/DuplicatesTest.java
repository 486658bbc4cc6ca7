package org.leadgate.crm.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.testing.MutableClock;

/** A lead whose email matches an existing Salesforce lead, under the Standard Lead duplicate rule. */
class DuplicatesTest {
  private static final String UPSERT = "PATCH composite/sobjects/Lead/LeadGate_Id__c";

  private final MutableClock clock = MutableClock.atFixedStart();
  private final SalesforceEmulator salesforce = new SalesforceEmulator(clock);
  private SalesforceAdapter adapter;
  private String existing;

  @BeforeEach
  void seedTheExistingLead() {
    existing = salesforce.org.seed("Lead", Map.of("LastName", "Lovelace", "Company", "Old Company Ltd",
        "Email", "dup@example.com"));
    salesforce.org.duplicateRule(EmulatedOrg.DuplicateRule.ALERT);
  }

  @AfterEach
  void close() {
    adapter.close();
    salesforce.close();
  }

  @Test
  void reject_dead_letters_the_lead_naming_the_matched_record() {
    adapter = adapter("reject");

    List<DeliveryResult> results = adapter.deliverAll(List.of(duplicate(), fresh()));

    DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class, results.get(0));
    assertTrue(rejected.reason().contains("DUPLICATES_DETECTED: Use one of these records?"), rejected.reason());
    assertTrue(rejected.reason().contains("matches: " + existing), rejected.reason());
    assertInstanceOf(DeliveryResult.Delivered.class, results.get(1));
    assertEquals(List.of(UPSERT), salesforce.calls());
    assertEquals(2, salesforce.org.records("Lead").size());
  }

  @Test
  void save_resends_only_the_duplicates_with_allow_save_and_delivers_them_to_new_records() {
    adapter = adapter("save");

    List<DeliveryResult> results = adapter.deliverAll(List.of(duplicate(), fresh()));

    DeliveryResult.Delivered saved = assertInstanceOf(DeliveryResult.Delivered.class, results.get(0));
    assertNotEquals(existing, saved.crmRecordId().orElseThrow());
    assertInstanceOf(DeliveryResult.Delivered.class, results.get(1));
    assertEquals(List.of(UPSERT, UPSERT), salesforce.calls());
    assertEquals(List.of("allowSave=true; includeRecordDetails=false; runAsCurrentUser=false"),
        salesforce.headers("Sforce-Duplicate-Rule-Header"));
    assertEquals(3, salesforce.org.records("Lead").size());
  }

  @Test
  void save_cannot_pass_a_blocking_rule_so_the_lead_is_rejected_without_a_resend() {
    salesforce.org.duplicateRule(EmulatedOrg.DuplicateRule.BLOCK);
    adapter = adapter("save");

    DeliveryResult result = adapter.deliver(duplicate());

    assertInstanceOf(DeliveryResult.Rejected.class, result);
    assertEquals(List.of(UPSERT), salesforce.calls());
  }

  @Test
  void attach_updates_the_matched_record_and_delivers_the_lead_to_it() {
    adapter = adapter("attach");

    List<DeliveryResult> results = adapter.deliverAll(List.of(duplicate(), fresh()));

    assertEquals(DeliveryResult.delivered(existing), results.get(0));
    assertInstanceOf(DeliveryResult.Delivered.class, results.get(1));
    assertEquals(List.of(UPSERT, "PATCH composite/sobjects"), salesforce.calls());
    ObjectNode matched = salesforce.org.byId("Lead", existing).orElseThrow();
    assertEquals("dup-lead", matched.path("LeadGate_Id__c").asText(), "later upserts find the record");
    assertEquals("Analytical Engines Ltd", matched.path("Company").asText());
    assertEquals(2, salesforce.org.records("Lead").size());
  }

  @Test
  void attach_delivers_a_repeat_of_the_same_lead_by_plain_upsert() {
    adapter = adapter("attach");
    adapter.deliver(duplicate());
    int calls = salesforce.apiCalls();

    assertEquals(DeliveryResult.delivered(existing), adapter.deliver(duplicate()));
    assertEquals(calls + 1, salesforce.apiCalls());
  }

  @Test
  void an_update_of_a_known_record_flagged_by_the_rule_is_resent_with_allow_save_not_attached_elsewhere() {
    String known = salesforce.org.seed("Lead", Map.of("LastName", "Rossi", "Company", "Globex GmbH",
        "Email", "rossi@globex.example"));
    adapter = adapter("attach");

    DeliveryResult result = adapter.deliver(TestLeads.update(TestLeads.lead("from-sf",
        Map.of("email", "dup@example.com")), known));

    assertEquals(DeliveryResult.delivered(known), result);
    assertEquals(List.of("PATCH composite/sobjects", "PATCH composite/sobjects"), salesforce.calls());
    assertEquals("dup@example.com", salesforce.org.byId("Lead", known).orElseThrow().path("Email").asText());
    assertEquals("Lovelace", salesforce.org.byId("Lead", existing).orElseThrow().path("LastName").asText());
  }

  private SalesforceAdapter adapter(String policy) {
    return TestSettings.jwtBearer(salesforce).with("duplicates", policy).adapter(clock);
  }

  private static Delivery duplicate() {
    return TestLeads.delivery(TestLeads.lead("dup-lead", Map.of("lastName", "Lovelace",
        "company", "Analytical Engines Ltd", "email", "DUP@example.com")));
  }

  private static Delivery fresh() {
    return TestLeads.delivery(TestLeads.person("fresh-lead"));
  }
}
