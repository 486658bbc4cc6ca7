package org.leadgate.crm.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadgate.consent.Channel;
import org.leadgate.consent.ConsentStatus;
import org.leadgate.consent.LegalBasis;
import org.leadgate.consent.Permissions;
import org.leadgate.lead.Lead;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.testing.MutableClock;

class ConsentWriteBackTest {
  private static final String KEY = "LeadGate_Key__c";

  private final MutableClock clock = MutableClock.atFixedStart();
  private final SalesforceEmulator salesforce = new SalesforceEmulator(clock);
  private SalesforceAdapter adapter;

  @AfterEach
  void close() {
    adapter.close();
    salesforce.close();
  }

  @Test
  void simple_mode_writes_opt_out_flags_checkboxes_and_dates_from_the_permissions() {
    adapter = TestSettings.jwtBearer(salesforce).with("consent", Map.of("mode", "simple",
        "checkboxes", Map.of("email.newsletter", "Newsletter_OptIn__c"),
        "dates", Map.of("email.newsletter", "Newsletter_OptIn_Date__c"))).adapter(clock);
    Lead lead = withPermissions(TestLeads.person("lead-1"),
        TestLeads.permission(Channel.EMAIL, "newsletter", ConsentStatus.CONFIRMED));

    adapter.deliver(TestLeads.delivery(lead));

    ObjectNode record = stored("lead-1");
    assertEquals(false, record.path("HasOptedOutOfEmail").asBoolean());
    assertEquals(true, record.path("DoNotCall").asBoolean(), "no phone permission");
    assertEquals(true, record.path("Newsletter_OptIn__c").asBoolean());
    assertEquals("2026-01-05", record.path("Newsletter_OptIn_Date__c").asText());
  }

  @Test
  void a_lead_without_any_permission_is_opted_out_of_email_and_calls() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);

    adapter.deliver(TestLeads.delivery(TestLeads.person("lead-1")));

    assertEquals(true, stored("lead-1").path("HasOptedOutOfEmail").asBoolean());
    assertEquals(true, stored("lead-1").path("DoNotCall").asBoolean());
  }

  @Test
  void a_withdrawal_overrides_the_opt_in_salesforce_holds() {
    String existing = salesforce.org.seed("Lead", Map.of("LastName", "Rossi", "Company", "Globex GmbH",
        "HasOptedOutOfEmail", false, "Newsletter_OptIn__c", true, "Newsletter_OptIn_Date__c", "2025-12-01"));
    adapter = TestSettings.jwtBearer(salesforce).with("consent", Map.of(
        "checkboxes", Map.of("email.newsletter", "Newsletter_OptIn__c"),
        "dates", Map.of("email.newsletter", "Newsletter_OptIn_Date__c"))).adapter(clock);
    Lead withdrawn = withPermissions(TestLeads.lead("from-sf", Map.of("email", "m.rossi@globex.example")),
        TestLeads.permission(Channel.EMAIL, "newsletter", ConsentStatus.WITHDRAWN));

    adapter.deliver(TestLeads.update(withdrawn, existing));

    ObjectNode record = salesforce.org.byId("Lead", existing).orElseThrow();
    assertEquals(true, record.path("HasOptedOutOfEmail").asBoolean());
    assertEquals(false, record.path("Newsletter_OptIn__c").asBoolean());
    assertTrue(record.path("Newsletter_OptIn_Date__c").isNull(), "the date is cleared");
  }

  @Test
  void full_mode_links_an_individual_with_contact_points_and_one_consent_per_purpose_in_three_calls() {
    adapter = fullMode();
    Lead lead = withPermissions(TestLeads.lead("lead-1", Map.of("firstName", "Ada", "lastName", "Lovelace",
            "company", "Analytical Engines Ltd", "email", "ada@example.com", "phone", "+49301234567")),
        TestLeads.permission(Channel.EMAIL, "newsletter", ConsentStatus.CONFIRMED),
        TestLeads.permission(Channel.PHONE, "sales-calls", ConsentStatus.WITHDRAWN),
        TestLeads.permission(Channel.EMAIL, "unmapped", ConsentStatus.CONFIRMED));

    DeliveryResult result = adapter.deliver(TestLeads.delivery(lead));

    ObjectNode record = stored("lead-1");
    assertEquals(DeliveryResult.delivered(record.path("Id").asText()), result);
    assertEquals(List.of("PATCH composite/sobjects/Lead/LeadGate_Id__c", "GET query",
        "PATCH composite/sobjects/Individual/LeadGate_Key__c", "POST composite"), salesforce.calls());
    ObjectNode individual = salesforce.org.byExternalId("Individual", KEY, "lead-1").orElseThrow();
    assertEquals(individual.path("Id").asText(), record.path("IndividualId").asText());
    assertEquals("Lovelace", individual.path("LastName").asText());
    assertEquals(false, individual.path("HasOptedOutSolicit").asBoolean());
    ObjectNode email = salesforce.org.byExternalId("ContactPointEmail", KEY, "lead-1:email").orElseThrow();
    assertEquals("ada@example.com", email.path("EmailAddress").asText());
    assertEquals(individual.path("Id").asText(), email.path("ParentId").asText());
    ObjectNode phone = salesforce.org.byExternalId("ContactPointPhone", KEY, "lead-1:phone").orElseThrow();
    assertEquals("+49301234567", phone.path("TelephoneNumber").asText());

    ObjectNode newsletter = consent("lead-1:email:newsletter");
    assertEquals("OptIn", newsletter.path("PrivacyConsentStatus").asText());
    assertEquals("Email", newsletter.path("ContactPointType").asText());
    assertEquals(EmulatedOrg.PURPOSES.get("Marketing"), newsletter.path("DataUsePurposeId").asText());
    assertEquals(individual.path("Id").asText(), newsletter.path("PartyId").asText());
    assertEquals("2026-01-05T08:30:00Z", newsletter.path("CaptureDate").asText());
    assertEquals("https://www.example.com/forms/contact", newsletter.path("CaptureSource").asText());
    assertEquals("2026-01-05T09:00:00Z", newsletter.path("EffectiveFrom").asText());
    assertEquals("2026-01-05T09:00:00Z", newsletter.path("DoubleConsentCaptureDate").asText());
    ObjectNode calls = consent("lead-1:phone:sales-calls");
    assertEquals("OptOut", calls.path("PrivacyConsentStatus").asText());
    assertEquals("Phone", calls.path("ContactPointType").asText());
    assertEquals(EmulatedOrg.PURPOSES.get("Sales"), calls.path("DataUsePurposeId").asText());
    assertEquals(2, salesforce.org.records("ContactPointTypeConsent").size(), "no consent for unmapped purposes");
    assertEquals(true, record.path("DoNotCall").asBoolean(), "the lead's flags are written too");
  }

  @Test
  void full_mode_redelivery_updates_the_consent_objects_and_a_withdrawal_turns_the_consent_to_opt_out() {
    adapter = fullMode();
    Lead lead = withPermissions(TestLeads.person("lead-1"),
        TestLeads.permission(Channel.EMAIL, "newsletter", ConsentStatus.CONFIRMED));
    adapter.deliver(TestLeads.delivery(lead));
    int calls = salesforce.apiCalls();

    adapter.deliver(TestLeads.delivery(withPermissions(TestLeads.person("lead-1"),
        TestLeads.permission(Channel.EMAIL, "newsletter", ConsentStatus.WITHDRAWN))));

    assertEquals(calls + 3, salesforce.apiCalls(), "the purposes are looked up once");
    assertEquals(1, salesforce.org.records("Individual").size());
    assertEquals(1, salesforce.org.records("ContactPointEmail").size());
    assertEquals(1, salesforce.org.records("ContactPointTypeConsent").size());
    assertEquals("OptOut", consent("lead-1:email:newsletter").path("PrivacyConsentStatus").asText());
    assertEquals(true, stored("lead-1").path("HasOptedOutOfEmail").asBoolean());
    assertEquals(true, salesforce.org.byExternalId("Individual", KEY, "lead-1").orElseThrow()
        .path("HasOptedOutSolicit").asBoolean());
  }

  @Test
  void full_mode_writes_a_batch_of_two_hundred_in_three_calls() {
    adapter = fullMode();
    adapter.deliver(TestLeads.delivery(TestLeads.person("warm-up")));
    List<org.leadgate.spi.Delivery> batch = TestLeads.people("lead", 200).stream()
        .map(d -> TestLeads.delivery(withPermissions(d.lead(),
            TestLeads.permission(Channel.EMAIL, "newsletter", ConsentStatus.CONFIRMED))))
        .toList();
    int calls = salesforce.apiCalls();

    List<DeliveryResult> results = adapter.deliverAll(batch);

    assertTrue(results.stream().allMatch(DeliveryResult.Delivered.class::isInstance));
    assertEquals(calls + 3, salesforce.apiCalls());
    assertEquals(200, salesforce.org.records("ContactPointTypeConsent").size());
    assertEquals(201, salesforce.org.records("Individual").size());
  }

  @Test
  void full_mode_rejects_when_a_configured_purpose_name_is_not_in_salesforce() {
    adapter = TestSettings.jwtBearer(salesforce).with("consent", Map.of("mode", "full",
        "purposes", Map.of("newsletter", "Newsletter Marketing"))).adapter(clock);

    DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class,
        adapter.deliver(TestLeads.delivery(TestLeads.person("lead-1"))));

    assertTrue(rejected.reason().contains("Lead saved as " + stored("lead-1").path("Id").asText()),
        rejected.reason());
    assertTrue(rejected.reason().contains("no DataUsePurpose named 'Newsletter Marketing'"), rejected.reason());
    assertTrue(rejected.reason().contains("crm.settings.consent.purposes.newsletter"), rejected.reason());
  }

  @Test
  void full_mode_takes_configured_purpose_ids_without_a_lookup() {
    adapter = TestSettings.jwtBearer(salesforce).with("consent", Map.of("mode", "full",
        "purposes", Map.of("newsletter", EmulatedOrg.PURPOSES.get("Marketing")))).adapter(clock);

    adapter.deliver(TestLeads.delivery(withPermissions(TestLeads.person("lead-1"),
        TestLeads.permission(Channel.EMAIL, "newsletter", ConsentStatus.REQUESTED))));

    assertTrue(salesforce.calls().stream().noneMatch(call -> call.startsWith("GET query")));
    assertEquals("Seen", consent("lead-1:email:newsletter").path("PrivacyConsentStatus").asText());
  }

  @Test
  void a_consent_record_salesforce_refuses_rejects_its_lead_naming_the_object_and_the_saved_lead() {
    adapter = TestSettings.jwtBearer(salesforce).with("consent", Map.of("mode", "full",
        "purposes", Map.of("newsletter", "0ZW5j0000009ZZZGAE"))).adapter(clock);

    List<DeliveryResult> results = adapter.deliverAll(List.of(
        TestLeads.delivery(withPermissions(TestLeads.person("lead-1"),
            TestLeads.permission(Channel.EMAIL, "newsletter", ConsentStatus.CONFIRMED))),
        TestLeads.delivery(TestLeads.person("lead-2"))));

    DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class, results.get(0));
    assertTrue(rejected.reason().startsWith("Lead saved as " + stored("lead-1").path("Id").asText()
        + " but its consent objects were not: ContactPointTypeConsent: "), rejected.reason());
    assertTrue(rejected.reason().contains("INVALID_CROSS_REFERENCE_KEY"), rejected.reason());
    assertEquals(DeliveryResult.delivered(stored("lead-2").path("Id").asText()), results.get(1));
  }

  @Test
  void a_lead_salesforce_refuses_gets_no_consent_objects() {
    adapter = fullMode();

    List<DeliveryResult> results = adapter.deliverAll(List.of(
        TestLeads.delivery(TestLeads.lead("bad", Map.of("lastName", "Rossi", "email", "not-an-address"))),
        TestLeads.delivery(TestLeads.person("good"))));

    assertInstanceOf(DeliveryResult.Rejected.class, results.get(0));
    assertInstanceOf(DeliveryResult.Delivered.class, results.get(1));
    assertEquals(1, salesforce.org.records("Individual").size());
  }

  @Test
  void full_mode_dates_a_consent_from_when_its_status_began_in_the_ledger() {
    adapter = fullMode();
    Instant confirmedAt = Instant.parse("2025-12-01T10:15:00Z");
    Lead lead = withPermissions(TestLeads.lead("lead-9", Map.of("lastName", "Hopper", "email", "grace@example.com")),
        new Permissions.Permission(Channel.EMAIL, "newsletter", ConsentStatus.CONFIRMED, LegalBasis.CONSENT_DOI,
            false, Optional.of(confirmedAt)));

    adapter.deliver(TestLeads.delivery(lead));

    ObjectNode newsletter = consent("lead-9:email:newsletter");
    assertEquals(confirmedAt.toString(), newsletter.path("EffectiveFrom").asText(), "not the delivery time");
    assertEquals(confirmedAt.toString(), newsletter.path("DoubleConsentCaptureDate").asText());
  }

  private SalesforceAdapter fullMode() {
    return TestSettings.jwtBearer(salesforce).with("consent", Map.of("mode", "full",
        "purposes", Map.of("newsletter", "Marketing", "sales-calls", "Sales"),
        "captureSource", "https://www.example.com/forms/{formId}")).adapter(clock);
  }

  private static Lead withPermissions(Lead lead, Permissions.Permission... permissions) {
    return lead.withPermissions(new Permissions(List.of(permissions)));
  }

  private ObjectNode stored(String leadId) {
    return salesforce.org.byExternalId("Lead", "LeadGate_Id__c", leadId).orElseThrow();
  }

  private ObjectNode consent(String key) {
    return salesforce.org.byExternalId("ContactPointTypeConsent", KEY, key).orElseThrow();
  }
}
