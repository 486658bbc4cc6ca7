package org.leadgate.crm.salesforce.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leadgate.crm.salesforce.api.SalesforceError;

class CsvTest {
  @Test
  void quotes_commas_and_line_breaks_survive_a_round_trip() {
    List<List<String>> rows = List.of(
        List.of("LastName", "Description"),
        List.of("O\"Brien", "first line\nsecond, with comma"),
        List.of("", "#N/A"));

    assertEquals(rows, Csv.read(Csv.write(rows)));
  }

  @Test
  void reads_crlf_line_endings_and_unquoted_fields() {
    assertEquals(List.of(List.of("sf__Id", "sf__Created"), List.of("00Q1", "true")),
        Csv.read("sf__Id,sf__Created\r\n00Q1,true\r\n"));
  }

  @Test
  void a_null_value_is_written_as_na_and_a_missing_one_as_an_empty_cell() {
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("LeadGate_Id__c", "a");
    first.put("Newsletter_OptIn_Date__c", null);
    Map<String, Object> second = Map.of("LeadGate_Id__c", "b", "DoNotCall", true);

    assertEquals("\"LeadGate_Id__c\",\"Newsletter_OptIn_Date__c\",\"DoNotCall\"\n\"a\",\"#N/A\",\"\"\n\"b\",\"\",\"true\"\n",
        BulkJob.csv(List.of(first, second)));
  }

  @Test
  void reads_the_code_message_and_fields_of_a_bulk_error() {
    assertEquals(new SalesforceError("REQUIRED_FIELD_MISSING",
            "Required fields are missing: [LastName]", List.of("LastName"), List.of(), Optional.empty()),
        BulkJob.error("REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --"));
  }
}
