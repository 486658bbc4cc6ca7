package org.leadgate.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.leadgate.config.FieldConfig;
import org.leadgate.config.FieldType;
import org.leadgate.config.FormConfig;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;

class LeadChecksTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final FormConfig FORM = new FormConfig("contact", "Contact", List.of(
      new FieldConfig("email", "Email", FieldType.EMAIL, true, 254),
      new FieldConfig("phone", "Phone", FieldType.PHONE, false, 30),
      new FieldConfig("company", "Company", FieldType.TEXT, false, 255),
      new FieldConfig("street", "Street", FieldType.TEXT, false, 255),
      new FieldConfig("postalCode", "Postal code", FieldType.TEXT, false, 20),
      new FieldConfig("country", "Country", FieldType.TEXT, false, 60)),
      "/thanks", List.of(), List.of(), FormConfig.Audience.UNKNOWN, Optional.empty(), Optional.empty(),
      Optional.empty());

  private final LeadChecks checks = new LeadChecks(new EmailCheck(Set.of()),
      new MxCheck(MxCheck.Settings.DEFAULTS, java.time.Clock.systemUTC()), new PhoneCheck(), "DE");

  private static Lead lead(Map<String, String> typed, Map<String, String> ipDerived) {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    typed.forEach((name, value) -> fields.put(name, new FieldValue(value, Provenance.typed("contact", NOW))));
    ipDerived.forEach((name, value) -> fields.put(name, new FieldValue(value,
        new Provenance(Provenance.Source.IP_DERIVED, "provider:geo", NOW))));
    return new Lead("lead-1", "contact", NOW, fields);
  }

  @Test
  void typed_values_are_normalised_and_what_was_typed_is_kept() {
    Lead checked = checks.check(lead(Map.of("email", "ada@acme.de", "phone", "030 1234567",
        "company", "  Müller   G.m.b.H. ", "street", "Musterstraße 12a", "postalCode", "D-10115",
        "country", "Deutschland"), Map.of()), FORM, NOW);

    FieldValue phone = checked.fields().get("phone");
    assertEquals("+49301234567", phone.value());
    assertEquals(Optional.of("030 1234567"), phone.typed());
    assertEquals("DE", checked.value("country").orElseThrow());
    assertEquals(Optional.of("Deutschland"), checked.fields().get("country").typed());
    assertEquals("10115", checked.value("postalCode").orElseThrow());
    assertEquals("Müller GmbH", checked.value("company").orElseThrow());
    assertEquals(CompanyNames.normalise("Mueller GmbH").key(), checked.value("companyKey").orElseThrow());
    assertEquals("Musterstraße", checked.value("streetName").orElseThrow());
    assertEquals("12a", checked.value("houseNumber").orElseThrow());
    assertEquals("quality:street", checked.fields().get("houseNumber").provenance().origin());
    assertEquals("ada@acme.de", checked.value("email").orElseThrow());
    assertTrue(checked.fields().get("email").flags().isEmpty());
  }

  @Test
  void a_value_no_check_can_read_is_kept_as_typed_with_the_reason() {
    Lead checked = checks.check(lead(Map.of("email", "ada@gmial.com", "phone", "12", "country", "Narnia"),
        Map.of()), FORM, NOW);

    FieldValue phone = checked.fields().get("phone");
    assertEquals("12", phone.value());
    assertEquals(Optional.empty(), phone.typed());
    assertEquals(List.of(PhoneCheck.INVALID), phone.flags().stream().map(Flag::code).toList());
    assertFalse(phone.flags().get(0).reason().isBlank());
    assertEquals("Narnia", checked.value("country").orElseThrow());
    assertEquals(List.of("country.unknown"), checked.fields().get("country").flags().stream().map(Flag::code)
        .toList());
    FieldValue email = checked.fields().get("email");
    assertEquals("ada@gmial.com", email.value(), "a likely typo is flagged, never corrected");
    assertTrue(email.flags().stream().anyMatch(flag -> flag.code().equals(EmailCheck.TYPO)));
  }

  @Test
  void without_a_typed_country_the_ip_country_decides_how_a_phone_number_is_read() {
    Lead checked = checks.check(lead(Map.of("phone", "01 234 5678"), Map.of("country", "AT")), FORM, NOW);
    assertEquals("+4312345678", checked.value("phone").orElseThrow());
    assertEquals("AT", checked.value("country").orElseThrow(), "an IP-derived country is not a typed value");
  }

  @Test
  void a_checked_value_is_not_checked_again() {
    Lead once = checks.check(lead(Map.of("phone", "030 1234567"), Map.of()), FORM, NOW);
    Lead twice = checks.check(once, FORM, NOW);
    assertEquals(once.fields(), twice.fields());
  }
}
