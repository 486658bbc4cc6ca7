package org.leadgate.quality;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.leadgate.consent.Freemail;
import org.leadgate.enrichment.net.MailDomains;

/**
 * The common mail domain a typed one most likely meant ({@code gmial.com → gmail.com}, {@code web.dde → web.de},
 * {@code gmailcom → gmail.com}): a hint to show the person, never a correction.
 */
final class DomainTypos {
  /** Mailbox domains common in German-speaking markets, most used first: the first wins a tie. */
  private static final List<String> COMMON = List.of(
      "gmail.com", "googlemail.com", "web.de", "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "gmx.com", "t-online.de",
      "outlook.com", "outlook.de", "hotmail.com", "hotmail.de", "live.com", "live.de", "yahoo.com", "yahoo.de",
      "ymail.com", "icloud.com", "me.com", "mac.com", "freenet.de", "posteo.de", "mail.de", "email.de", "arcor.de",
      "online.de", "aol.com", "bluewin.ch", "vodafone.de", "kabelmail.de", "mailbox.org", "protonmail.com",
      "proton.me", "mail.com", "email.com");
  /** The common domains with the counts of their characters, for {@link #surplus}. */
  private static final List<Letters> COMMON_LETTERS = COMMON.stream().map(Letters::of).toList();
  /** Each common domain by its name without the top-level domain ({@code gmail}); the first wins. */
  private static final Map<String, String> BY_NAME = COMMON.stream().collect(Collectors.toMap(
      DomainTypos::name, common -> common, (first, later) -> first, LinkedHashMap::new));
  /** Typos that look like a provider's real domain under another top-level domain (not suggested otherwise). */
  private static final Map<String, String> KNOWN_TYPOS = Map.of(
      "gmail.de", "gmail.com", "gmail.co", "gmail.com", "gmail.cm", "gmail.com", "hotmail.co", "hotmail.com",
      "icloud.de", "icloud.com");
  /** Country codes and the old generic top-level domains: enough to tell yahoo.fr or posteo.net from a typo. */
  private static final Set<String> REAL_TOP_LEVEL_DOMAINS = Stream.concat(
      Arrays.stream(Locale.getISOCountries()).map(code -> code.toLowerCase(Locale.ROOT)),
      Stream.of("uk", "eu", "com", "net", "org", "info", "biz")).collect(Collectors.toUnmodifiableSet());

  /** The most edits a suggestion may be away. */
  private static final int MOST_EDITS = 2;

  private DomainTypos() {}

  /**
   * The common domain meant by a lowercase typed domain: one edit off (two for domains of 9 or more characters), a
   * known typo, or a common domain without its top-level domain; none for a known mailbox or throw-away domain.
   */
  static Optional<String> suggestion(String domain) {
    if (COMMON.contains(domain) || Freemail.isFreemailDomain(domain) || MailDomains.isDisposable(domain)) {
      return Optional.empty();
    }
    if (KNOWN_TYPOS.containsKey(domain)) {
      return Optional.of(KNOWN_TYPOS.get(domain));
    }
    if (BY_NAME.containsKey(domain)) {
      return Optional.of(BY_NAME.get(domain)); // the top-level domain was left out: gmail
    }
    String closest = COMMON.get(0);
    int fewest = Integer.MAX_VALUE;
    int[] typedCounts = Letters.counts(domain);
    for (Letters common : COMMON_LETTERS) {
      if (Math.abs(common.domain().length() - domain.length()) > MOST_EDITS
          || surplus(domain, typedCounts, common) > MOST_EDITS) {
        continue; // at least that many edits apart: never a suggestion
      }
      int edits = edits(domain, common.domain());
      if (edits < fewest) {
        closest = common.domain();
        fewest = edits;
      }
    }
    return fewest <= (closest.length() >= 9 ? MOST_EDITS : 1) && !isSibling(domain, closest)
        ? Optional.of(closest) : Optional.empty();
  }

  /** yahoo.fr or posteo.net next to yahoo.de and posteo.de: likely the provider's real domain, not a typo. */
  private static boolean isSibling(String domain, String common) {
    String topLevel = domain.substring(domain.lastIndexOf('.') + 1);
    return name(domain).equals(name(common)) && REAL_TOP_LEVEL_DOMAINS.contains(topLevel);
  }

  private static String name(String domain) {
    int dot = domain.lastIndexOf('.');
    return dot < 0 ? domain : domain.substring(0, dot);
  }

  /**
   * A lower bound of the edit distance, quick to work out: the characters one text has more of than the other
   * (each insertion, deletion or substitution changes that by at most one, a swap of neighbours not at all); 0 for
   * a typed domain beyond ASCII.
   *
   * @param typedCounts the counts of the typed domain's characters ({@link Letters#counts}), null beyond ASCII
   */
  private static int surplus(String typed, int[] typedCounts, Letters common) {
    if (typedCounts == null) {
      return 0;
    }
    int shared = 0;
    for (int i = 0; i < common.characters().length; i++) {
      shared += Math.min(typedCounts[common.characters()[i]], common.counts()[i]);
    }
    // what one text has more of is its length less what both share
    return Math.max(typed.length(), common.domain().length()) - shared;
  }

  /** A common domain with each of its distinct characters and how often it occurs. */
  private record Letters(String domain, char[] characters, int[] counts) {
    static Letters of(String domain) {
      String distinct = domain.chars().distinct()
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
      int[] all = counts(domain);
      return new Letters(domain, distinct.toCharArray(), distinct.chars().map(c -> all[c]).toArray());
    }

    /** How often each ASCII character occurs in the text, by its code; null when the text goes beyond ASCII. */
    static int[] counts(String text) {
      int[] counts = new int[128];
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c >= 128) {
          return null;
        }
        counts[c]++;
      }
      return counts;
    }
  }

  /**
   * Optimal string alignment distance (insertions, deletions, substitutions and swaps of neighbours), or more than
   * {@link #MOST_EDITS} as soon as no alignment can stay within it.
   */
  private static int edits(String a, String b) {
    int[] twoBack = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMinimum = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, twoBack[j - 2] + 1);
        }
        current[j] = best;
        rowMinimum = Math.min(rowMinimum, best);
      }
      if (rowMinimum > MOST_EDITS) {
        return rowMinimum;
      }
      int[] recycled = twoBack;
      twoBack = previous;
      previous = current;
      current = recycled;
    }
    return previous[b.length()];
  }
}
