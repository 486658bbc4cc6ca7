package org.leadgate.duplicates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;

class MatchRuleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static MatchRule read(String json) throws JsonProcessingException {
    return MatchRule.from(ConfigNode.of(JSON.readTree(json), "duplicates"));
  }

  @Test
  void an_absent_section_matches_on_email_only() {
    assertEquals(MatchRule.DEFAULTS, MatchRule.from(ConfigNode.of(null, "duplicates")));
    assertFalse(MatchRule.DEFAULTS.fuzzy());
  }

  @Test
  void matching_can_be_switched_off() throws JsonProcessingException {
    assertFalse(read("{\"enabled\": false}").enabled());
    assertTrue(MatchRule.DEFAULTS.enabled());
  }

  @Test
  void enabling_fuzzy_matching_without_fields_uses_name_company_and_phone() throws JsonProcessingException {
    assertEquals(new MatchRule(true, true, List.of("lastName", "firstName", "companyKey", "phone")),
        read("{\"fuzzy\": {\"enabled\": true}}"));
  }

  @Test
  void the_fuzzy_fields_are_read_in_order() throws JsonProcessingException {
    assertEquals(new MatchRule(true, true, List.of("phone", "lastName")),
        read("{\"fuzzy\": {\"enabled\": true, \"fields\": [\"phone\", \"lastName\"]}}"));
  }

  @ParameterizedTest(name = "{0} is refused at {1}")
  @CsvSource(delimiter = ';', value = {
      "{\"fuzy\": {}}; duplicates.fuzy; unknown key",
      "{\"enabled\": \"sometimes\"}; duplicates.enabled; true or false",
      "{\"fuzzy\": {\"enable\": true}}; duplicates.fuzzy.enable; unknown key",
      "{\"fuzzy\": {\"enabled\": \"sometimes\"}}; duplicates.fuzzy.enabled; true or false",
      "{\"fuzzy\": true}; duplicates.fuzzy; mapping",
      "{\"fuzzy\": {\"fields\": []}}; duplicates.fuzzy.fields; at least two",
      "{\"fuzzy\": {\"fields\": [\"companyKey\"]}}; duplicates.fuzzy.fields; at least two",
      "{\"fuzzy\": {\"fields\": [\"phone\", \"phone\"]}}; duplicates.fuzzy.fields; twice",
      "{\"fuzzy\": {\"fields\": [\"phone\", \"\"]}}; duplicates.fuzzy.fields[1]; non-empty"})
  void configuration_errors_name_the_key(String json, String key, String problem) {
    ConfigException e = assertThrows(ConfigException.class, () -> read(json));
    assertEquals(key, e.key());
    assertTrue(e.getMessage().contains(problem), e::getMessage);
  }
}
