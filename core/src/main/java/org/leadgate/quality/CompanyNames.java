package org.leadgate.quality;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Normalises company names: folds whitespace, recognises a legal form at the end of the name in any of its
 * spellings ("G.m.b.H.", "Gesellschaft mit beschränkter Haftung", "GMBH") and writes it canonically ("GmbH"), and
 * derives a matching key (see {@link CompanyName}). The name itself keeps its casing as typed, so acronyms stay.
 *
 * <p>A legal form counts only as the last words and after at least one word of name, never inside a word ("Agentur
 * AG" has key "agentur"). After "&amp;", "+", "und" or "and" it belongs to the name ("Müller &amp; Co." has no legal
 * form; "Müller &amp; Co. KG" is a KG). "Spa" or "spa" written like the word is no S.p.A.
 */
public final class CompanyNames {
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s,;:/(–-]+$");

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Pattern AMPERSAND = Pattern.compile("[&+]");
  private static final Set<String> CONNECTORS = Set.of("und", "u", "and");
  private static final Set<String> WORDS_NOT_FORMS = Set.of("Spa", "spa");

  private static final Map<String, List<String>> SPELLINGS_BY_FORM = Map.ofEntries(
      Map.entry("GmbH", List.of("GmbH", "Ges.m.b.H.", "Gesellschaft mbH", "Gesellschaft mit beschränkter Haftung")),
      Map.entry("gGmbH", List.of("gGmbH", "gemeinnützige GmbH",
          "gemeinnützige Gesellschaft mit beschränkter Haftung")),
      Map.entry("AG", List.of("AG", "Aktiengesellschaft")),
      Map.entry("KG", List.of("KG", "Kommanditgesellschaft")),
      Map.entry("OHG", List.of("OHG", "offene Handelsgesellschaft")),
      Map.entry("GbR", List.of("GbR", "Gesellschaft bürgerlichen Rechts")),
      Map.entry("GmbH & Co. KG", List.of("GmbH & Co. KG", "GmbH & Co. Kommanditgesellschaft")),
      Map.entry("AG & Co. KG", List.of("AG & Co. KG")),
      Map.entry("SE & Co. KG", List.of("SE & Co. KG")),
      Map.entry("UG (haftungsbeschränkt) & Co. KG", List.of("UG (haftungsbeschränkt) & Co. KG", "UG & Co. KG")),
      Map.entry("GmbH & Co. KGaA", List.of("GmbH & Co. KGaA")),
      Map.entry("AG & Co. KGaA", List.of("AG & Co. KGaA")),
      Map.entry("SE & Co. KGaA", List.of("SE & Co. KGaA")),
      Map.entry("UG (haftungsbeschränkt)", List.of("UG (haftungsbeschränkt)", "UG", "UG (haftungsbeschr.)",
          "Unternehmergesellschaft (haftungsbeschränkt)", "Unternehmergesellschaft")),
      Map.entry("e.K.", List.of("e.K.", "e.Kfm.", "e.Kfr.", "eingetragener Kaufmann", "eingetragene Kauffrau")),
      Map.entry("e.V.", List.of("e.V.", "eingetragener Verein")),
      Map.entry("eG", List.of("eG", "eingetragene Genossenschaft")),
      Map.entry("SE", List.of("SE", "Societas Europaea")),
      Map.entry("KGaA", List.of("KGaA", "Kommanditgesellschaft auf Aktien")),
      Map.entry("PartG", List.of("PartG", "Partnerschaftsgesellschaft")),
      Map.entry("PartG mbB", List.of("PartG mbB", "Partnerschaftsgesellschaft mbB",
          "Partnerschaftsgesellschaft mit beschränkter Berufshaftung")),
      Map.entry("Ltd.", List.of("Ltd.", "Limited")),
      Map.entry("Pty Ltd", List.of("Pty Ltd", "Pty Limited", "Proprietary Limited")),
      Map.entry("Co., Ltd.", List.of("Co., Ltd.", "Company Limited")),
      Map.entry("Inc.", List.of("Inc.", "Incorporated")),
      Map.entry("LLC", List.of("LLC", "Limited Liability Company")),
      Map.entry("LLP", List.of("LLP", "Limited Liability Partnership")),
      Map.entry("Corp.", List.of("Corp.", "Corporation")),
      Map.entry("Co.", List.of("Co.", "Company")),
      Map.entry("PLC", List.of("PLC", "Public Limited Company")),
      Map.entry("S.A.", List.of("S.A.", "Société anonyme", "Sociedad anónima")),
      Map.entry("S.A.S.", List.of("S.A.S.", "Société par actions simplifiée")),
      Map.entry("S.à r.l.", List.of("S.à r.l.", "Société à responsabilité limitée")),
      Map.entry("S.L.", List.of("S.L.", "Sociedad limitada")),
      Map.entry("S.p.A.", List.of("S.p.A.", "Società per azioni")),
      Map.entry("S.r.l.", List.of("S.r.l.", "Società a responsabilità limitata")),
      Map.entry("B.V.", List.of("B.V.", "Besloten vennootschap")),
      Map.entry("N.V.", List.of("N.V.", "Naamloze vennootschap")),
      Map.entry("AB", List.of("AB", "Aktiebolag")),
      Map.entry("AB (publ)", List.of("AB (publ)")),
      Map.entry("A/S", List.of("A/S", "Aktieselskab")),
      Map.entry("ApS", List.of("ApS", "Anpartsselskab")),
      Map.entry("Oy", List.of("Oy", "Osakeyhtiö")),
      Map.entry("Oyj", List.of("Oyj", "Julkinen osakeyhtiö")),
      Map.entry("sp. z o.o.", List.of("sp. z o.o.", "spółka z ograniczoną odpowiedzialnością")),
      Map.entry("s.r.o.", List.of("s.r.o.", "společnost s ručením omezeným")));

  private static final Map<String, String> FORMS_BY_SQUASHED = formsBySquashed();

  private CompanyNames() {
  }

  /** The tidy display name, matching key and legal form of a typed company name. */
  public static CompanyName normalise(String typed) {
    String tidy = SPACES.matcher(Normalizer.normalize(typed, Normalizer.Form.NFC).strip()).replaceAll(" ");
    List<MatchResult> words = WORD.matcher(tidy).results().toList();
    List<String> folded = words.stream().map(word -> Folding.fold(word.group())).toList();
    for (int start = 1; start < words.size(); start++) {
      Optional<String> form = legalFormFrom(tidy, words, folded, start);
      if (form.isPresent()) {
        String name = TRAILING_PUNCTUATION.matcher(tidy.substring(0, words.get(start).start())).replaceAll("");
        return new CompanyName(name + " " + form.get(), squash(folded.subList(0, start)), form);
      }
    }
    return new CompanyName(tidy, squash(folded), Optional.empty());
  }

  /** The legal form spelled by the words from {@code start} to the end, if they spell one and may be one there. */
  private static Optional<String> legalFormFrom(String tidy, List<MatchResult> words, List<String> folded,
      int start) {
    MatchResult first = words.get(start);
    boolean afterConnector = CONNECTORS.contains(folded.get(start - 1))
        || AMPERSAND.matcher(tidy.substring(words.get(start - 1).end(), first.start())).find();
    if (CONNECTORS.contains(folded.get(start)) || afterConnector
        || WORDS_NOT_FORMS.contains(tidy.substring(first.start()))) {
      return Optional.empty();
    }
    return Optional.ofNullable(FORMS_BY_SQUASHED.get(squash(folded.subList(start, folded.size()))));
  }

  private static String squashed(String text) {
    return squash(WORD.matcher(text).results().map(word -> Folding.fold(word.group())).toList());
  }

  /** Folded words joined without spaces, connectors left out: "Müller und Söhne" → "muellersoehne". */
  private static String squash(List<String> foldedWords) {
    StringBuilder squashed = new StringBuilder();
    for (String word : foldedWords) {
      if (!CONNECTORS.contains(word)) {
        squashed.append(word);
      }
    }
    return squashed.toString();
  }

  private static Map<String, String> formsBySquashed() {
    return SPELLINGS_BY_FORM.entrySet().stream()
        .flatMap(form -> form.getValue().stream().map(spelling -> Map.entry(squashed(spelling), form.getKey())))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
