package org.leadgate.crm.salesforce.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SalesforceErrorTest {
  @Test
  void reads_record_errors_and_whole_call_errors_alike() throws Exception {
    List<SalesforceError> errors = SalesforceError.listFrom(new ObjectMapper().readTree("""
        [{"statusCode":"REQUIRED_FIELD_MISSING","message":"Required fields are missing: [Company]","fields":["Company"]},
         {"errorCode":"INVALID_SESSION_ID","message":"Session expired or invalid"}]"""));

    assertEquals("REQUIRED_FIELD_MISSING: Required fields are missing: [Company] (fields: Company)",
        errors.get(0).describe());
    assertEquals("INVALID_SESSION_ID: Session expired or invalid", errors.get(1).describe());
  }

  @Test
  void a_duplicate_error_lists_the_matches_most_confident_first() throws Exception {
    SalesforceError error = SalesforceError.listFrom(new ObjectMapper().readTree("""
        [{"statusCode":"DUPLICATES_DETECTED","message":"Use one of these records?","fields":[],
          "duplicateResult":{"allowSave":false,"matchResults":[{"matchRecords":[
            {"matchConfidence":80.0,"record":{"Id":"00Q000000000002AAA"}},
            {"matchConfidence":100.0,"record":{"Id":"00Q000000000001AAA"}}]}]}}]""")).get(0);

    assertEquals(List.of("00Q000000000001AAA", "00Q000000000002AAA"), error.duplicateIds());
    assertEquals(Optional.of(false), error.duplicateSaveAllowed());
  }
}
