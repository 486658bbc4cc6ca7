package org.leadgate.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostalCodesTest {

  @ParameterizedTest
  @CsvSource({
      "10115, DE, 10115", "01067, DE, 01067", "' 80331 ', DE, 80331", "D-10115, DE, 10115", "D 01067, DE, 01067",
      "DE-80331, DE, 80331", "d-01067, de, 01067",
      "1010, AT, 1010", "A-1010, AT, 1010", "AT 8010, AT, 8010",
      "8001, CH, 8001", "CH-3000, CH, 3000",
      "1234 AB, NL, 1234 AB", "1234ab, NL, 1234 AB", "'1012  js', NL, 1012 JS", "NL-1012 JS, NL, 1012 JS",
      "SW1A 1AA, GB, SW1A 1AA", "sw1a1aa, GB, SW1A 1AA", "M1 1AE, GB, M1 1AE", "B33 8TH, GB, B33 8TH",
      "CR2 6XH, GB, CR2 6XH", "DN55 1PT, GB, DN55 1PT", "ec1a 1bb, GB, EC1A 1BB",
      "90210, US, 90210", "02134, US, 02134", "90210-1234, US, 90210-1234", "902101234, US, 90210-1234",
      "75008, FR, 75008", "F-75008, FR, 75008", "00144, IT, 00144", "28013, ES, 28013",
      "00-950, PL, 00-950", "00950, PL, 00-950", "114 55, SE, 114 55", "11455, SE, 114 55",
      "1000-001, PT, 1000-001", "k1a0b1, CA, K1A 0B1",
  })
  void a_code_in_its_country_format_is_written_the_way_the_post_writes_it(String typed, String country,
      String written) {
    assertEquals(new Checked(written, List.of(), Map.of()), PostalCodes.check(typed, country));
  }

  @ParameterizedTest
  @CsvSource({
      "1011, DE, DE postal codes are 5 digits", "101155, DE, DE postal codes are 5 digits",
      "1O115, DE, DE postal codes are 5 digits", "A-1010, DE, DE postal codes are 5 digits",
      "'', DE, DE postal codes are 5 digits",
      "10115, AT, AT postal codes are 4 digits", "D-1010, AT, AT postal codes are 4 digits",
      "80011, CH, CH postal codes are 4 digits",
      "0123 AB, NL, 'NL postal codes are 4 digits and 2 letters, written 1234 AB'",
      "1234 A, NL, 'NL postal codes are 4 digits and 2 letters, written 1234 AB'",
      "SW1A, GB, 'GB postal codes are an outward and an inward code, written SW1A 1AA'",
      "12345, GB, 'GB postal codes are an outward and an inward code, written SW1A 1AA'",
      "9021, US, 'US postal codes are a 5-digit ZIP code or ZIP+4, written 12345 or 12345-6789'",
      "90210-12, US, 'US postal codes are a 5-digit ZIP code or ZIP+4, written 12345 or 12345-6789'",
      "00-95, PL, 'PL postal codes are 5 digits, written 12-345'",
  })
  void a_code_out_of_its_country_format_is_kept_as_typed_and_flagged_with_the_format(String typed,
      String country, String reason) {
    assertEquals(new Checked(typed, List.of(new Flag("postalCode.invalid", reason)), Map.of()),
        PostalCodes.check(typed, country));
  }

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {"' 1234-ab ', none", "ABC 123, XX", "01310-100, BR", "12345, ''"})
  void a_code_of_a_country_without_known_format_is_kept_as_typed_without_flag(String typed, String country) {
    assertEquals(new Checked(typed, List.of(), Map.of()), PostalCodes.check(typed, country));
  }

  @Test
  void a_code_is_written_in_its_own_country_format_only() {
    assertEquals("1234 AB", PostalCodes.check("1234ab", "NL").value());
    assertEquals(List.of("postalCode.invalid"),
        PostalCodes.check("1234ab", "DE").flags().stream().map(Flag::code).toList());
  }
}
