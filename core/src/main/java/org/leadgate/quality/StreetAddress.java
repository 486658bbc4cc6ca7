package org.leadgate.quality;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a German-style street line, street first and house number last, into facts {@code street} and
 * {@code houseNumber}: "Musterstraße 12a", "Hauptstr. 5-7", "Am Markt 3 b", "Straße des 17. Juni 135", "Hauptstr.5",
 * and the Mannheim squares "Q 5, 12" (street "Q 5", number 12: a street that ends in a digit needs the comma). The
 * street is kept as typed (abbreviations like "Str." are not expanded); the house number loses its inner spaces and
 * its letters are lower case ("3 b" → "3b").
 */
public final class StreetAddress {
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern SPACE = Pattern.compile("\\s");

  private static final String NUMBER = "\\d{1,4}(?:\\s*[a-zA-Z])?";
  /** Spaces or a comma after a letter or dot (or nothing there), only a comma after a digit. */
  private static final String SEPARATOR = "(?:(?<=\\D)[\\s,]+|(?<=\\d)\\s*,\\s*|(?<=[\\p{L}.]))";
  private static final Pattern STREET_THEN_NUMBER = Pattern.compile(
      "(?<street>.*\\p{L}.*?)" + SEPARATOR + "(?<number>" + NUMBER + "(?:\\s*[-/]\\s*" + NUMBER + ")?)");

  private StreetAddress() {
  }

  /**
   * The street line with whitespace folded, facts {@code street} and {@code houseNumber}; or the line as typed with
   * flag {@code street.unsplit} when it does not end in a house number after a street name (e.g. "12 Main Street").
   */
  public static Checked split(String typed) {
    Matcher matcher = STREET_THEN_NUMBER.matcher(SPACES.matcher(typed.strip()).replaceAll(" "));
    if (!matcher.matches()) {
      return new Checked(typed,
          List.of(new Flag("street.unsplit", "no house number after the street name, as in Musterstraße 12a")),
          Map.of());
    }
    String street = matcher.group("street");
    String houseNumber = SPACE.matcher(matcher.group("number")).replaceAll("").toLowerCase(Locale.ROOT);
    return new Checked(street + " " + houseNumber, List.of(), Map.of("street", street, "houseNumber", houseNumber));
  }
}
