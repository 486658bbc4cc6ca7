package org.leadgate.scoring;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.leadgate.config.ConfigNode;
import org.leadgate.quality.Folding;

/**
 * Keywords found as whole words in a text such as a job title, ignoring case and umlaut spelling ("Geschäftsführer"
 * and "Geschaeftsfuehrer" meet). A keyword may span words ({@code head of}); a {@code *} at its start or end lets
 * the word go on, for German compounds: {@code einkauf*} finds "Einkaufsleiter", {@code *leiter} finds
 * "Abteilungsleiter", {@code *student*} finds "Werkstudentin". Without {@code *}, {@code cto} does not find
 * "Director".
 */
final class Keywords {
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final String ANY = "*";

  private final List<Keyword> keywords;

  private Keywords(List<Keyword> keywords) {
    this.keywords = keywords;
  }

  static Keywords of(List<String> texts) {
    return new Keywords(texts.stream().map(Keyword::parse).toList());
  }

  /** The keywords listed under {@code key}, at least one. */
  static Keywords from(ConfigNode node, String key) {
    List<String> texts = node.stringList(key);
    if (texts.isEmpty()) {
      throw node.error(key, "list at least one keyword");
    }
    try {
      return of(texts);
    } catch (IllegalArgumentException e) {
      throw node.error(key, e.getMessage());
    }
  }

  boolean foundIn(String text) {
    List<String> words = words(fold(text));
    return keywords.stream().anyMatch(keyword -> keyword.foundIn(words));
  }

  /** Lower case, umlauts written out (ä→ae, ö→oe, ü→ue, ß→ss), runs of spaces as one, trimmed. */
  static String fold(String text) {
    if (Folding.isPrintableAscii(text)) {
      return text.toLowerCase(Locale.ROOT); // nothing to normalise, write out or collapse: the common case
    }
    String folded = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
        .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
        .trim();
    return SPACES.matcher(folded).replaceAll(" ");
  }

  private static List<String> words(String folded) {
    return Arrays.stream(NOT_WORD.split(folded)).filter(word -> !word.isEmpty()).toList();
  }

  private record Keyword(List<String> words, boolean openStart, boolean openEnd) {
    static Keyword parse(String text) {
      String folded = fold(text);
      boolean openStart = folded.startsWith(ANY);
      boolean openEnd = folded.length() > 1 && folded.endsWith(ANY);
      String inner = folded.substring(openStart ? 1 : 0, folded.length() - (openEnd ? 1 : 0));
      if (inner.contains(ANY)) {
        throw new IllegalArgumentException("'" + text + "': a * may stand only at the start or end of a keyword");
      }
      List<String> words = Keywords.words(inner);
      if (words.isEmpty()) {
        throw new IllegalArgumentException("'" + text + "' has no letters or digits");
      }
      return new Keyword(words, openStart, openEnd);
    }

    boolean foundIn(List<String> text) {
      for (int start = 0; start + words.size() <= text.size(); start++) {
        if (matchesAt(text, start)) {
          return true;
        }
      }
      return false;
    }

    private boolean matchesAt(List<String> text, int start) {
      for (int i = 0; i < words.size(); i++) {
        boolean anyBefore = i == 0 && openStart;
        boolean anyAfter = i == words.size() - 1 && openEnd;
        if (!wordMatches(text.get(start + i), words.get(i), anyBefore, anyAfter)) {
          return false;
        }
      }
      return true;
    }

    private static boolean wordMatches(String word, String keyword, boolean anyBefore, boolean anyAfter) {
      if (anyBefore && anyAfter) {
        return word.contains(keyword);
      }
      if (anyBefore) {
        return word.endsWith(keyword);
      }
      return anyAfter ? word.startsWith(keyword) : word.equals(keyword);
    }
  }
}
