package org.leadgate.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CountriesTest {

  @ParameterizedTest
  @CsvSource({
      "DE, DE", "de, DE", "DEU, DE", "Deutschland, DE", "' deutschland ', DE", "Germany, DE", "BRD, DE",
      "Bundesrepublik Deutschland, DE",
      "AT, AT", "AUT, AT", "Österreich, AT", "Oesterreich, AT", "Osterreich, AT", "Austria, AT",
      "CH, CH", "CHE, CH", "Schweiz, CH", "Switzerland, CH", "Suisse, CH",
      "US, US", "USA, US", "U.S.A., US", "United States, US", "United States of America, US",
      "Vereinigte Staaten, US",
      "GB, GB", "UK, GB", "United Kingdom, GB", "Great Britain, GB", "Großbritannien, GB", "Grossbritannien, GB",
      "Vereinigtes Königreich, GB", "England, GB",
      "NL, NL", "Niederlande, NL", "Netherlands, NL", "The Netherlands, NL", "Holland, NL",
      "Frankreich, FR", "Italien, IT", "Spanien, ES", "Polen, PL", "Belgien, BE", "Luxemburg, LU",
      "Liechtenstein, LI", "Tschechien, CZ", "Czech Republic, CZ", "Türkei, TR", "Dänemark, DK",
  })
  void a_code_or_a_german_or_english_name_gives_the_iso_code(String typed, String code) {
    assertEquals(Optional.of(code), Countries.isoCode(typed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Atlantis", "XX", "", "Deutschlan", "Europa"})
  void anything_else_has_no_iso_code(String typed) {
    assertEquals(Optional.empty(), Countries.isoCode(typed));
  }

  @Test
  void a_known_country_is_checked_to_its_code_with_the_english_name() {
    assertEquals(new Checked("AT", List.of(), Map.of("name", "Austria")), Countries.check("Österreich"));
  }

  @Test
  void an_unknown_country_is_kept_as_typed_and_flagged() {
    Checked checked = Countries.check(" Atlantis ");

    assertEquals(" Atlantis ", checked.value());
    assertEquals(List.of("country.unknown"), checked.flags().stream().map(Flag::code).toList());
    assertEquals(Map.of(), checked.facts());
  }
}
