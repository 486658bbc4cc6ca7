package org.leadgate.quality;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Countries as ISO 3166-1 alpha-2 codes, from what people type: an alpha-2 or alpha-3 code, the English or German
 * name (from the JDK's locale data) or a common variant ("BRD", "UK", "Holland", "Großbritannien", "USA").
 * Case, accents, umlaut spelling ("Oesterreich", "Osterreich"), dots and spaces do not matter.
 */
public final class Countries {

  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("brd", "DE"), Map.entry("bundesrepublik deutschland", "DE"),
      Map.entry("uk", "GB"), Map.entry("great britain", "GB"), Map.entry("grossbritannien", "GB"),
      Map.entry("england", "GB"), Map.entry("scotland", "GB"), Map.entry("schottland", "GB"),
      Map.entry("wales", "GB"), Map.entry("northern ireland", "GB"), Map.entry("nordirland", "GB"),
      Map.entry("united states of america", "US"), Map.entry("vereinigte staaten von amerika", "US"),
      Map.entry("amerika", "US"),
      Map.entry("holland", "NL"), Map.entry("the netherlands", "NL"),
      Map.entry("suisse", "CH"), Map.entry("svizzera", "CH"),
      Map.entry("czech republic", "CZ"), Map.entry("tschechische republik", "CZ"),
      Map.entry("tuerkiye", "TR"), Map.entry("korea", "KR"), Map.entry("uae", "AE"));

  private static final Map<String, String> CODES_BY_KEY = codesByKey();
  private static final Map<String, String> ENGLISH_NAMES = Arrays.stream(Locale.getISOCountries()).collect(
      Collectors.toUnmodifiableMap(code -> code, code -> new Locale("", code).getDisplayCountry(Locale.ENGLISH)));

  private Countries() {
  }

  /** The ISO 3166-1 alpha-2 code for a typed country, or empty when it names no country we know. */
  public static Optional<String> isoCode(String typed) {
    return Optional.ofNullable(CODES_BY_KEY.get(key(typed)));
  }

  /**
   * The ISO code as value with fact {@code name} (the English name), or the value as typed with flag
   * {@code country.unknown}.
   */
  public static Checked check(String typed) {
    return isoCode(typed)
        .map(code -> new Checked(code, List.of(), Map.of("name", ENGLISH_NAMES.getOrDefault(code, code))))
        .orElseGet(() -> new Checked(typed,
            List.of(new Flag("country.unknown", "neither an ISO 3166-1 code nor a known country name")), Map.of()));
  }

  private static Map<String, String> codesByKey() {
    Map<String, String> codes = new HashMap<>();
    ALIASES.forEach((alias, code) -> codes.put(key(alias), code));
    for (String code : Locale.getISOCountries()) {
      Locale country = new Locale("", code);
      codes.putIfAbsent(key(code), code);
      codes.putIfAbsent(key(country.getISO3Country()), code);
      codes.putIfAbsent(key(country.getDisplayCountry(Locale.ENGLISH)), code);
      codes.putIfAbsent(key(country.getDisplayCountry(Locale.GERMAN)), code);
      codes.putIfAbsent(key(Folding.withoutAccents(country.getDisplayCountry(Locale.GERMAN))), code);
    }
    return Map.copyOf(codes);
  }

  /** The text folded, with only ASCII letters and digits kept. */
  private static String key(String text) {
    String folded = Folding.fold(text);
    StringBuilder key = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
        key.append(c);
      }
    }
    return key.toString();
  }
}
