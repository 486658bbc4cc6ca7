package org.leadgate.duplicates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.quality.CompanyNames;

class MatchKeysTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final MatchKeys EMAIL_ONLY = new MatchKeys(MatchRule.DEFAULTS);
  private static final MatchKeys FUZZY = new MatchKeys(new MatchRule(true, true, MatchRule.DEFAULTS.fuzzyFields()));

  private static Lead lead(Map<String, String> typed) {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    typed.forEach((name, value) -> fields.put(name, new FieldValue(value, Provenance.typed("contact", NOW))));
    return new Lead("lead-1", "contact", NOW, fields);
  }

  private static Lead person(String firstName, String lastName, String company, String phone) {
    return lead(Map.of("firstName", firstName, "lastName", lastName,
        "companyKey", CompanyNames.normalise(company).key(), "phone", phone));
  }

  @ParameterizedTest(name = "''{0}'' and ''{1}'' meet: {2}")
  @CsvSource(delimiter = ';', value = {
      "ada@acme.de; ADA@Acme.DE; true",
      "' ada@acme.de '; ada@acme.de; true",
      "ada@acme.de; ada+news@acme.de; false",
      "ada+news@acme.de; Ada+News@acme.de; true",
      "ada@acme.de; ada@acme.com; false"})
  void email_keys_fold_case_and_space_but_keep_plus_addressing(String one, String other, boolean meet) {
    List<String> first = EMAIL_ONLY.keys(lead(Map.of("email", one)), "email");
    List<String> second = EMAIL_ONLY.keys(lead(Map.of("email", other)), "email");
    assertEquals(1, first.size());
    assertEquals(meet, first.equals(second));
  }

  @Test
  void the_email_key_is_the_address_lower_cased() {
    assertEquals(List.of("email:ada@acme.de"), EMAIL_ONLY.keys(lead(Map.of("mail", " Ada@Acme.de")), "mail"));
  }

  @Test
  void a_lead_without_address_or_with_a_blank_one_has_no_email_key() {
    assertEquals(List.of(), EMAIL_ONLY.keys(lead(Map.of("email", "  ", "lastName", "Müller")), "email"));
  }

  @Test
  void fuzzy_keys_are_only_made_when_the_rule_is_on() {
    Lead lead = person("Hans", "Müller", "Müller GmbH", "+49301234567");
    assertEquals(List.of(), EMAIL_ONLY.keys(lead, "email"));
    assertEquals(List.of("person:mueller|h|mueller|+49301234567"), FUZZY.keys(lead, "email"));
  }

  @ParameterizedTest(name = "{0} {1} at {2}, {3}")
  @CsvSource({
      "Hans, Mueller, Mueller G.m.b.H., +49301234567",
      "hans, MÜLLER, MÜLLER GMBH , +49301234567",
      "Heinz, Müller, Müller, +49301234567",
      "Hans-Peter, Mu\u0308ller, Müller GmbH, +49301234567"})
  void umlaut_case_and_legal_form_variants_of_one_person_meet(String first, String last, String company,
      String phone) {
    assertEquals(FUZZY.keys(person("Hans", "Müller", "Müller GmbH", "+49301234567"), "email"),
        FUZZY.keys(person(first, last, company, phone), "email"));
  }

  @ParameterizedTest(name = "{0} {1} at {2}, {3}")
  @CsvSource({
      "Anna, Müller, Müller GmbH, +49301234567",
      "Hans, Muller, Müller GmbH, +49301234567",
      "Hans, Müller, Schmidt GmbH, +49301234567",
      "Hans, Müller, Müller GmbH, +49301234568"})
  void a_different_initial_name_company_or_phone_is_another_person(String first, String last, String company,
      String phone) {
    assertNotEquals(FUZZY.keys(person("Hans", "Müller", "Müller GmbH", "+49301234567"), "email"),
        FUZZY.keys(person(first, last, company, phone), "email"));
  }

  @ParameterizedTest(name = "without {0}")
  @CsvSource({"firstName", "lastName", "companyKey", "phone"})
  void the_fuzzy_key_needs_every_part(String missing) {
    Map<String, String> fields = new LinkedHashMap<>(Map.of("firstName", "Hans", "lastName", "Müller",
        "companyKey", "mueller", "phone", "+49301234567"));
    fields.remove(missing);
    assertEquals(List.of(), FUZZY.keys(lead(fields), "email"));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(delimiter = ';', value = {"Hans Müller", "Müller, Hans", "Hans Peter Mueller"})
  void first_and_last_name_are_taken_from_a_full_name(String name) {
    Lead lead = lead(Map.of("name", name, "companyKey", "mueller", "phone", "+49301234567"));
    assertEquals(List.of("person:mueller|h|mueller|+49301234567"), FUZZY.keys(lead, "email"));
  }

  @Test
  void a_single_word_name_gives_no_fuzzy_key() {
    assertEquals(List.of(), FUZZY.keys(lead(Map.of("name", "Müller", "companyKey", "mueller",
        "phone", "+49301234567")), "email"));
  }

  @Test
  void the_email_key_comes_before_the_fuzzy_key() {
    Lead lead = lead(Map.of("email", "hans@mueller.de", "firstName", "Hans", "lastName", "Müller",
        "companyKey", "mueller", "phone", "+49301234567"));
    assertEquals(List.of("email:hans@mueller.de", "person:mueller|h|mueller|+49301234567"),
        FUZZY.keys(lead, "email"));
  }

  @Test
  void the_fuzzy_key_is_made_of_the_configured_fields_in_their_order() {
    MatchKeys keys = new MatchKeys(new MatchRule(true, true, List.of("phone", "lastName")));
    assertEquals(List.of("person:+49301234567|mueller"),
        keys.keys(person("Hans", "Müller", "Müller GmbH", "+49301234567"), "email"));
  }
}
