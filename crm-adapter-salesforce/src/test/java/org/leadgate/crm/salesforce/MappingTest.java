package org.leadgate.crm.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadgate.lead.Lead;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.testing.MutableClock;

class MappingTest {
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
  void too_long_values_are_cut_to_the_field_length_and_reported_in_the_provenance_field() throws Exception {
    adapter = TestSettings.jwtBearer(salesforce).with("provenanceField", "LeadGate_Provenance__c").adapter(clock);
    Lead lead = TestLeads.lead("lead-1", Map.of("lastName", "Rossi", "company", "C".repeat(300),
        "firstName", "F".repeat(41)));

    assertInstanceOf(DeliveryResult.Delivered.class, adapter.deliver(TestLeads.delivery(lead)));

    ObjectNode record = stored("lead-1");
    assertEquals("C".repeat(255), record.path("Company").asText());
    assertEquals("F".repeat(40), record.path("FirstName").asText());
    JsonNode provenance = new ObjectMapper().readTree(record.path("LeadGate_Provenance__c").asText());
    assertEquals("lead-1", provenance.path("leadId").asText());
    assertEquals("TYPED", provenance.path("provenance").path("company").path("source").asText());
    assertEquals(Set.of("Company:300:255", "FirstName:41:40"), Set.copyOf(cuts(provenance)));
  }

  @Test
  void company_and_last_name_get_defaults_when_the_lead_has_none() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);

    adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-1", Map.of("email", "ada@example.com"))));

    ObjectNode record = stored("lead-1");
    assertEquals("[not provided]", record.path("Company").asText());
    assertEquals("[not provided]", record.path("LastName").asText());
  }

  @Test
  void configured_defaults_replace_the_built_in_ones() {
    adapter = TestSettings.jwtBearer(salesforce).with("defaults", Map.of("Company", "Unknown company")).adapter(clock);

    adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-1", Map.of("lastName", "Rossi"))));

    assertEquals("Unknown company", stored("lead-1").path("Company").asText());
    assertEquals("Rossi", stored("lead-1").path("LastName").asText());
  }

  @Test
  void picklist_maps_turn_lead_values_into_picklist_values_ignoring_case() {
    adapter = TestSettings.jwtBearer(salesforce)
        .with("fields", Map.of("lastName", "LastName", "country", "CountryCode"))
        .with("picklists", List.of(Map.of("field", "CountryCode",
            "values", Map.of("Deutschland", "DE", "Germany", "DE", "Österreich", "AT"))))
        .adapter(clock);

    adapter.deliverAll(List.of(
        TestLeads.delivery(TestLeads.lead("lead-1", Map.of("lastName", "Rossi", "country", "deutschland"))),
        TestLeads.delivery(TestLeads.lead("lead-2", Map.of("lastName", "Huber", "country", "Österreich"))),
        TestLeads.delivery(TestLeads.lead("lead-3", Map.of("lastName", "Smith", "country", "US")))));

    assertEquals("DE", stored("lead-1").path("CountryCode").asText());
    assertEquals("AT", stored("lead-2").path("CountryCode").asText());
    assertEquals("US", stored("lead-3").path("CountryCode").asText(), "an unmapped value passes as it is");
  }

  @Test
  void stage_score_grade_reasons_and_hand_over_times_go_to_their_configured_fields() {
    adapter = TestSettings.jwtBearer(salesforce)
        .with("stageStatus", Map.of("lead", "Open - Not Contacted", "mql", "Working - Contacted"))
        .with("scoring", Map.of("score", "LeadGate_Score__c", "fit", "LeadGate_Fit__c", "grade", "LeadGate_Grade__c",
            "reasons", "LeadGate_Reasons__c", "mqlAt", "LeadGate_MQL_At__c", "slaDueAt", "LeadGate_SLA_Due__c"))
        .adapter(clock);
    Instant mqlAt = Instant.parse("2026-01-05T08:45:00Z");
    Lead lead = TestLeads.person("lead-1").withScore(TestLeads.mql(40, 25, mqlAt));

    adapter.deliver(TestLeads.delivery(lead));

    ObjectNode record = stored("lead-1");
    assertEquals("Working - Contacted", record.path("Status").asText());
    assertEquals(65, record.path("LeadGate_Score__c").asInt());
    assertTrue(record.path("LeadGate_Score__c").isNumber());
    assertEquals(40, record.path("LeadGate_Fit__c").asInt());
    assertEquals("A", record.path("LeadGate_Grade__c").asText());
    assertEquals("job-title:+40, pricing-visit:+25", record.path("LeadGate_Reasons__c").asText());
    assertEquals("2026-01-05T08:45:00Z", record.path("LeadGate_MQL_At__c").asText());
    assertEquals("2026-01-06T08:45:00Z", record.path("LeadGate_SLA_Due__c").asText());
  }

  @Test
  void a_stage_without_a_status_mapping_leaves_status_alone() {
    adapter = TestSettings.jwtBearer(salesforce).with("stageStatus", Map.of("sql", "Closed - Converted"))
        .adapter(clock);

    adapter.deliver(TestLeads.delivery(TestLeads.person("lead-1").withScore(TestLeads.mql(40, 25, clock.instant()))));

    assertFalse(stored("lead-1").has("Status"));
  }

  @Test
  void an_update_by_salesforce_id_writes_no_defaults_over_the_records_values() {
    String existing = salesforce.org.seed("Lead", Map.of("LastName", "Rossi", "Company", "Globex GmbH"));
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);

    adapter.deliver(TestLeads.update(TestLeads.lead("lead-1", Map.of("email", "m.rossi@globex.example")), existing));

    ObjectNode record = salesforce.org.byId("Lead", existing).orElseThrow();
    assertEquals("Globex GmbH", record.path("Company").asText());
    assertEquals("Rossi", record.path("LastName").asText());
  }

  private ObjectNode stored(String leadId) {
    return salesforce.org.byExternalId("Lead", "LeadGate_Id__c", leadId).orElseThrow();
  }

  private static List<String> cuts(JsonNode provenance) {
    List<String> cuts = new ArrayList<>();
    provenance.path("truncated").forEach(cut -> cuts.add(cut.path("field").asText() + ":" + cut.path("from").asInt()
        + ":" + cut.path("to").asInt()));
    return cuts;
  }
}
