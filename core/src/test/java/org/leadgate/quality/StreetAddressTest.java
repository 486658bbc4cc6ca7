package org.leadgate.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StreetAddressTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Musterstraße 12a       | Musterstraße         | 12a",
      "Musterstraße 12        | Musterstraße         | 12",
      "'  Musterstraße   12 ' | Musterstraße         | 12",
      "Hauptstr. 5-7          | Hauptstr.            | 5-7",
      "Hauptstr. 5 - 7        | Hauptstr.            | 5-7",
      "Hauptstr.5             | Hauptstr.            | 5",
      "Musterstraße12         | Musterstraße         | 12",
      "Am Markt 3 b           | Am Markt             | 3b",
      "Am Markt 3B            | Am Markt             | 3b",
      "Straße des 17. Juni 135| Straße des 17. Juni  | 135",
      "Kaiserstraße 12/1      | Kaiserstraße         | 12/1",
      "Q 5, 12                | Q 5                  | 12",
      "Q5, 12                 | Q5                   | 12",
      "Musterweg, 4           | Musterweg            | 4",
      "Main Street 12         | Main Street          | 12",
  })
  void a_german_street_line_splits_into_street_and_house_number(String typed, String street, String number) {
    assertEquals(new Checked(street + " " + number, List.of(), Map.of("street", street, "houseNumber", number)),
        StreetAddress.split(typed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"12 Main Street", "Musterstraße", "12", "", "Musterstraße 12a, 2. OG",
      "Hauptstraße 10115 Berlin", "Musterstraße 12345", "Q 5 12", "Hauptstraße 5 7"})
  void a_line_that_does_not_end_in_a_house_number_is_kept_as_typed_and_flagged(String typed) {
    Checked checked = StreetAddress.split(typed);

    assertEquals(typed, checked.value());
    assertEquals(List.of("street.unsplit"), checked.flags().stream().map(Flag::code).toList());
    assertEquals(Map.of(), checked.facts());
  }
}
