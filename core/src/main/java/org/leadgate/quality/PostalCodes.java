package org.leadgate.quality;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postal codes checked against the format of their country and written the way the post writes them
 * ({@code 01067}, {@code 1234 AB}, {@code SW1A 1AA}, {@code 12345-6789}, {@code 00-950}). Spaces and hyphens as
 * typed do not matter, nor does a country prefix ({@code D-10115}, {@code CH-8001}).
 */
public final class PostalCodes {
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-–]");

  /**
   * One country's format: the pattern over the code without spaces and hyphens, whose groups are written joined by
   * the separator (a group that did not take part is left out).
   */
  private record Format(Pattern compact, String separator, String description) {

    Format(String compact, String separator, String description) {
      this(Pattern.compile(compact), separator, description);
    }

    Optional<String> write(String code) {
      Matcher matcher = compact.matcher(code);
      if (!matcher.matches()) {
        return Optional.empty();
      }
      StringJoiner written = new StringJoiner(separator);
      for (int group = 1; group <= matcher.groupCount(); group++) {
        if (matcher.group(group) != null) {
          written.add(matcher.group(group));
        }
      }
      return Optional.of(written.toString());
    }
  }

  private static final Format FOUR_DIGITS = new Format("(\\d{4})", "", "4 digits");
  private static final Format FIVE_DIGITS = new Format("(\\d{5})", "", "5 digits");
  private static final Format THREE_TWO_DIGITS = new Format("(\\d{3})(\\d{2})", " ", "5 digits, written 123 45");

  private static final Map<String, Format> FORMATS = Map.ofEntries(
      Map.entry("DE", FIVE_DIGITS), Map.entry("FR", FIVE_DIGITS), Map.entry("IT", FIVE_DIGITS),
      Map.entry("ES", FIVE_DIGITS), Map.entry("FI", FIVE_DIGITS), Map.entry("HR", FIVE_DIGITS),
      Map.entry("AT", FOUR_DIGITS), Map.entry("CH", FOUR_DIGITS), Map.entry("LI", FOUR_DIGITS),
      Map.entry("BE", FOUR_DIGITS), Map.entry("LU", FOUR_DIGITS), Map.entry("DK", FOUR_DIGITS),
      Map.entry("NO", FOUR_DIGITS), Map.entry("HU", FOUR_DIGITS), Map.entry("SI", FOUR_DIGITS),
      Map.entry("AU", FOUR_DIGITS),
      Map.entry("SE", THREE_TWO_DIGITS), Map.entry("CZ", THREE_TWO_DIGITS), Map.entry("SK", THREE_TWO_DIGITS),
      Map.entry("GR", THREE_TWO_DIGITS),
      Map.entry("NL", new Format("([1-9]\\d{3})([A-Z]{2})", " ", "4 digits and 2 letters, written 1234 AB")),
      Map.entry("GB", new Format("([A-Z]{1,2}\\d[A-Z\\d]?)(\\d[A-Z]{2})", " ",
          "an outward and an inward code, written SW1A 1AA")),
      Map.entry("US", new Format("(\\d{5})(\\d{4})?", "-",
          "a 5-digit ZIP code or ZIP+4, written 12345 or 12345-6789")),
      Map.entry("PL", new Format("(\\d{2})(\\d{3})", "-", "5 digits, written 12-345")),
      Map.entry("PT", new Format("(\\d{4})(\\d{3})", "-", "7 digits, written 1234-567")),
      Map.entry("IE", new Format("([A-Z]\\d[\\dW])([A-Z\\d]{4})", " ", "an Eircode, written A65 F4E2")),
      Map.entry("CA", new Format("([A-Z]\\d[A-Z])(\\d[A-Z]\\d)", " ", "written A1A 1A1")),
      Map.entry("JP", new Format("(\\d{3})(\\d{4})", "-", "7 digits, written 123-4567")));

  /** Old international licence-plate prefixes still seen before postal codes, besides the ISO code itself. */
  private static final Map<String, String> PLATE_PREFIXES = Map.of(
      "DE", "D", "AT", "A", "FR", "F", "IT", "I", "ES", "E", "LU", "L", "BE", "B", "SE", "S", "LI", "FL", "FI", "FIN");

  private PostalCodes() {
  }

  /**
   * The postal code written in its country's format, or kept as typed with flag {@code postalCode.invalid} when it
   * does not match. A country without a known format (or {@code null}) keeps the code as typed, without a flag.
   */
  public static Checked check(String typed, String isoCountry) {
    String country = isoCountry == null ? "" : isoCountry.toUpperCase(Locale.ROOT);
    Format format = FORMATS.get(country);
    if (format == null) {
      return new Checked(typed, List.of(), Map.of());
    }
    String compact = SEPARATORS.matcher(typed.toUpperCase(Locale.ROOT)).replaceAll("");
    return format.write(compact)
        .or(() -> withoutPrefix(compact, country).flatMap(format::write))
        .map(code -> new Checked(code, List.of(), Map.of()))
        .orElseGet(() -> new Checked(typed,
            List.of(new Flag("postalCode.invalid", country + " postal codes are " + format.description())),
            Map.of()));
  }

  private static Optional<String> withoutPrefix(String compact, String country) {
    for (String prefix : List.of(country, PLATE_PREFIXES.getOrDefault(country, country))) {
      if (compact.startsWith(prefix)) {
        return Optional.of(compact.substring(prefix.length()));
      }
    }
    return Optional.empty();
  }
}
