package org.leadgate.duplicates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.leadgate.lead.Lead;
import org.leadgate.quality.Folding;

/**
 * The keys under which a lead is indexed; two leads sharing a key are the same person.
 *
 * <ul>
 *   <li>{@code crm:<record id>}: the CRM record a lead came from (a CRM webhook), so changes of one record meet even
 *       when its address changed in between ({@link #crmRecord}).</li>
 *   <li>{@code email:<address>}: the address stripped and lower-cased as a whole. Mail providers treat local parts
 *       case-insensitively in practice, so "Ada@Acme.de" and "ada@acme.de" meet. Plus-addressing stays distinct
 *       ("ada+news@acme.de" is another key): only some providers deliver it to the same box, and a person may use
 *       it on purpose to keep registrations apart.</li>
 *   <li>{@code person:<part>|<part>|...}: with the fuzzy rule on, the rule's fields in its order, each folded (lower
 *       case, ä→ae, ö→oe, ü→ue, ß→ss, other accents stripped, only letters, digits and "+" kept, so "Müller" and
 *       "Mueller" meet); {@code firstName} by its initial. Only when every part is present. The phone number is
 *       the stored value, E.164 after the quality check.</li>
 * </ul>
 */
public final class MatchKeys {
  private final MatchRule rule;

  public MatchKeys(MatchRule rule) {
    this.rule = rule;
  }

  /** The key of a lead that came from the CRM record {@code recordId}. */
  public static String crmRecord(String recordId) {
    return "crm:" + recordId;
  }

  /** The email key first (when the lead has an address in {@code emailField}), then the fuzzy key. */
  public List<String> keys(Lead lead, String emailField) {
    List<String> keys = new ArrayList<>();
    lead.value(emailField).map(address -> address.strip().toLowerCase(Locale.ROOT))
        .filter(address -> !address.isEmpty())
        .ifPresent(address -> keys.add("email:" + address));
    if (rule.fuzzy()) {
      personKey(lead).ifPresent(keys::add);
    }
    return keys;
  }

  private Optional<String> personKey(Lead lead) {
    List<String> parts = rule.fuzzyFields().stream().map(field -> part(lead, field)).toList();
    if (parts.contains("")) {
      return Optional.empty();
    }
    return Optional.of("person:" + String.join("|", parts));
  }

  /** One folded part of the fuzzy key, empty when the lead lacks it. */
  private static String part(Lead lead, String field) {
    String folded = fold(lead.value(field).or(() -> fromFullName(lead, field)).orElse(""));
    return field.equals("firstName") && !folded.isEmpty() ? folded.substring(0, 1) : folded;
  }

  /** First or last name from {@code name}: "Ada Lovelace" or "Lovelace, Ada". */
  private static Optional<String> fromFullName(Lead lead, String field) {
    if (!field.equals("firstName") && !field.equals("lastName")) {
      return Optional.empty();
    }
    return lead.value("name").map(String::strip).filter(name -> name.contains(" ") || name.contains(","))
        .map(name -> {
          int comma = name.indexOf(',');
          boolean first = field.equals("firstName");
          if (comma >= 0) {
            return first ? name.substring(comma + 1) : name.substring(0, comma);
          }
          int space = name.lastIndexOf(' ');
          return first ? name.substring(0, space) : name.substring(space + 1);
        });
  }

  private static String fold(String text) {
    String folded = Folding.fold(text);
    StringBuilder kept = new StringBuilder(folded.length());
    for (int i = 0, c; i < folded.length(); i += Character.charCount(c)) {
      c = folded.codePointAt(i);
      if (c == '+' || Character.isLetter(c) || isNumber(c)) {
        kept.appendCodePoint(c);
      }
    }
    return kept.toString();
  }

  /** A number of any kind, as {@code \p{N}} means: digits, Roman numerals, superscripts, fractions. */
  private static boolean isNumber(int c) {
    int type = Character.getType(c);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }
}
