package org.leadgate.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneCheckTest {
  private final PhoneCheck check = new PhoneCheck();

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      // typed; form country; IP country; default region; E.164; type; region of the number; region source
      // Germany
      "030 1234567; DE; ; AT; +49301234567; fixed-line; DE; form",
      "+49 (0)30 1234567; ; ; AT; +49301234567; fixed-line; DE; number",
      "0049 30 1234567; DE; ; AT; +49301234567; fixed-line; DE; number",
      "4930 1234567; DE; ; AT; +49301234567; fixed-line; DE; number",
      "(030) 123 45 67; Deutschland; ; AT; +49301234567; fixed-line; DE; form",
      "030/1234567; Germany; ; AT; +49301234567; fixed-line; DE; form",
      "030-1234567; de; ; AT; +49301234567; fixed-line; DE; form",
      "+49-30-1234567; ; ; US; +49301234567; fixed-line; DE; number",
      "0171 1234567; DE; ; AT; +491711234567; mobile; DE; form",
      "0151 23456789; DEU; ; AT; +4915123456789; mobile; DE; form",
      "0800 1234567; DE; ; AT; +498001234567; toll-free; DE; form",
      "0900 1234567; DE; ; AT; +499001234567; premium-rate; DE; form",
      // Austria
      "01 5123456; AT; ; DE; +4315123456; fixed-line; AT; form",
      "0664 1234567; Österreich; ; DE; +436641234567; mobile; AT; form",
      "0316 123456; Austria; ; DE; +43316123456; fixed-line; AT; form",
      "+43 1 5123456; DE; ; DE; +4315123456; fixed-line; AT; number",
      "0043 664 1234567; DE; ; DE; +436641234567; mobile; AT; number",
      // Switzerland
      "044 668 18 00; CH; ; DE; +41446681800; fixed-line; CH; form",
      "079 123 45 67; Schweiz; ; DE; +41791234567; mobile; CH; form",
      "0800 123 456; Suisse; ; DE; +41800123456; toll-free; CH; form",
      "044 668 18 00; CHE; ; DE; +41446681800; fixed-line; CH; form",
      "+41 44 668 18 00; DE; ; DE; +41446681800; fixed-line; CH; number",
      "0041 79 123 45 67; DE; ; DE; +41791234567; mobile; CH; number",
      // United States
      "(212) 555-0123; US; ; DE; +12125550123; fixed-line-or-mobile; US; form",
      "212.555.0123; USA; ; DE; +12125550123; fixed-line-or-mobile; US; form",
      "1-212-555-0123; Vereinigte Staaten; ; DE; +12125550123; fixed-line-or-mobile; US; number",
      "+1 212-555-0123; DE; ; DE; +12125550123; fixed-line-or-mobile; US; number",
      "011 49 30 1234567; United States; ; DE; +49301234567; fixed-line; DE; number",
      // United Kingdom
      "020 7946 0958; GB; ; DE; +442079460958; fixed-line; GB; form",
      "020 7946 0958; UK; ; DE; +442079460958; fixed-line; GB; form",
      "0121 496 0000; United Kingdom; ; DE; +441214960000; fixed-line; GB; form",
      "07400 123456; Großbritannien; ; DE; +447400123456; mobile; GB; form",
      "+44 20 7946 0958; DE; ; DE; +442079460958; fixed-line; GB; number",
      // without a usable form country: the IP country, else the default
      "030 1234567; ; DE; AT; +49301234567; fixed-line; DE; ip",
      "030 1234567; ; ; DE; +49301234567; fixed-line; DE; default",
      "0664 1234567; Atlantis; AT; DE; +436641234567; mobile; AT; ip",
      "0664 1234567; ''; XX; AT; +436641234567; mobile; AT; default",
      "0171 1234567; Deutschland; AT; CH; +491711234567; mobile; DE; form",
  })
  void a_valid_number_becomes_e164_with_its_type_and_region(String typed, String formCountry, String ipCountry,
      String defaultRegion, String e164, String type, String region, String regionSource) {
    Checked checked = check.check(typed, Optional.ofNullable(formCountry), Optional.ofNullable(ipCountry),
        defaultRegion);

    assertEquals(e164, checked.value());
    assertEquals(List.of(), checked.flags());
    assertEquals(type, checked.facts().get("type"));
    assertEquals(region, checked.facts().get("region"));
    assertEquals(regionSource, checked.facts().get("region-source"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "+49 (0)30 1234567; 030 1234567",
      "0041791234567; 079 123 45 67",
      "+1 212 555 0123; (212) 555-0123",
      "+44 20 79460958; 020 7946 0958",
  })
  void a_valid_number_knows_its_national_format(String typed, String national) {
    assertEquals(national, check.check(typed, Optional.empty(), Optional.empty(), "DE").facts().get("national"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      // typed; default region; reason
      "''; DE; empty",
      "'   '; DE; empty",
      "abc; DE; not a phone number",
      "+; DE; not a phone number",
      "+999 1234567; DE; the country code is unknown",
      "030 12345678901234567890; DE; too long for a phone number",
      "00; DE; too short after the international prefix",
      "1234567; DE; not a valid number for country code +49",
      "032 12345678; DE; not a valid number for country code +49",
      "+44 7700 900123; DE; not a valid number for country code +44",
      "123; DE; too short for country code +49 (only a local number without its area code)",
      "0049 30 1234567; US; too long for country code +1",
      "030 1234567; AT; not a valid number for country code +43",
  })
  void an_invalid_number_is_kept_as_typed_and_flagged_with_the_reason(String typed, String region, String reason) {
    Checked checked = check.check(typed, Optional.empty(), Optional.empty(), region);

    assertEquals(typed, checked.value());
    assertEquals(List.of(new Flag(PhoneCheck.INVALID, reason)), checked.flags());
    assertEquals(Map.of(), checked.facts());
  }

  @Test
  void an_extension_is_kept_as_a_fact_since_e164_has_none() {
    Checked checked = check.check("030 1234567 x 12", Optional.of("DE"), Optional.empty(), "DE");

    assertEquals("+49301234567", checked.value());
    assertEquals("12", checked.facts().get("extension"));
  }

  @Test
  void an_unknown_default_region_is_refused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> check.check("030 1234567", Optional.of("DE"), Optional.empty(), "Atlantis"));

    assertTrue(e.getMessage().contains("Atlantis"));
  }
}
