package org.leadgate.quality;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Folds text for matching: lower case, umlauts transliterated, other accents stripped. */
public final class Folding {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private Folding() {
  }

  /**
   * Lower case with German umlauts transliterated (ä→ae, ö→oe, ü→ue, ß→ss, so "Müller" and "Mueller" meet),
   * other accents stripped (é→e) and a few letters without a decomposition replaced (æ, œ, ø, ł, đ).
   */
  public static String fold(String text) {
    if (isPrintableAscii(text)) {
      return text.toLowerCase(Locale.ROOT); // no umlauts, accents or compositions: only the case to fold
    }
    return withoutAccents(lowerCase(text)
        .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
        .replace("æ", "ae").replace("œ", "oe").replace("ø", "o").replace("ł", "l").replace("đ", "d"));
  }

  /** Whether the text holds only printable ASCII without spaces, which folding only lower-cases. */
  public static boolean isPrintableAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  /** Lower case with all accents stripped, umlauts too ("Österreich" → "osterreich"); ß→ss. */
  static String withoutAccents(String text) {
    String decomposed = Normalizer.normalize(lowerCase(text).replace("ß", "ss"), Normalizer.Form.NFD);
    return MARKS.matcher(decomposed).replaceAll("");
  }

  private static String lowerCase(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }
}
