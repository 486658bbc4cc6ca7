package org.leadgate.crm.salesforce.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadgate.config.ConfigNode;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;

class LeadMapperTest {
  private static final Instant AT = Instant.parse("2026-01-05T08:30:00Z");

  @Test
  void a_cut_never_splits_a_surrogate_pair() {
    LeadMapper mapper = mapper(Map.of("fields", Map.of("city", "City")));
    String city = "x".repeat(39) + "😀" + "tail";

    MappedLead mapped = mapper.map(lead(Map.of("city", city)), Map.of());

    assertEquals("x".repeat(39), mapped.fields().get("City"));
    assertEquals(List.of(new Truncation("City", city.length(), 39)), mapped.truncations());
  }

  @Test
  void configured_lengths_apply_to_custom_fields_and_override_standard_ones() {
    LeadMapper mapper = mapper(Map.of("fields", Map.of("note", "Note__c", "city", "City"),
        "fieldLengths", Map.of("Note__c", "5", "City", "3")));

    MappedLead mapped = mapper.map(lead(Map.of("note", "abcdefgh", "city", "Berlin")), Map.of());

    assertEquals("abcde", mapped.fields().get("Note__c"));
    assertEquals("Ber", mapped.fields().get("City"));
  }

  @Test
  void blank_values_are_left_out_and_required_fields_get_defaults_only_for_creation() {
    LeadMapper mapper = mapper(Map.of());

    MappedLead mapped = mapper.map(lead(Map.of("lastName", "  ", "email", "ada@example.com")), Map.of());

    assertFalse(mapped.fields().containsKey("LastName"));
    assertEquals("[not provided]", mapped.forCreate().get("LastName"));
    assertEquals("[not provided]", mapped.forCreate().get("Company"));
    assertEquals(Map.of("Email", "ada@example.com"), mapped.fields());
  }

  @Test
  void consent_fields_are_written_with_the_lead_including_clearing_nulls() {
    LeadMapper mapper = mapper(Map.of());
    Map<String, Object> consent = new LinkedHashMap<>();
    consent.put("HasOptedOutOfEmail", true);
    consent.put("Newsletter_OptIn_Date__c", null);

    MappedLead mapped = mapper.map(lead(Map.of("email", "ada@example.com")), consent);

    assertEquals(true, mapped.fields().get("HasOptedOutOfEmail"));
    assertTrue(mapped.fields().containsKey("Newsletter_OptIn_Date__c"));
    assertEquals(null, mapped.fields().get("Newsletter_OptIn_Date__c"));
  }

  private static LeadMapper mapper(Map<String, Object> settings) {
    return new LeadMapper(MappingSettings.from(ConfigNode.of(new ObjectMapper().valueToTree(settings),
        "crm.settings")));
  }

  private static Lead lead(Map<String, String> fields) {
    Map<String, FieldValue> values = new LinkedHashMap<>();
    fields.forEach((name, value) -> values.put(name, new FieldValue(value, Provenance.typed("contact", AT))));
    return new Lead("lead-1", "contact", AT, values);
  }
}
