package org.leadgate.duplicates;

import java.util.HashSet;
import java.util.List;
import org.leadgate.config.ConfigNode;

/**
 * How leads are matched besides the email address, read from the {@code duplicates} section:
 * <pre>{@code
 * duplicates:
 *   enabled: true        # merge a lead into an earlier one with the same address (default)
 *   fuzzy:
 *     enabled: true
 *     fields: [lastName, firstName, companyKey, phone]
 * }</pre>
 *
 * @param enabled whether new leads are matched and merged at all; off delivers every submission as its own lead
 * @param fuzzy whether leads also match on the fuzzy key; off unless configured, since a wrong merge mixes two
 *     people's data
 * @param fuzzyFields the lead fields the fuzzy key is made of, all required; {@code firstName} counts by its
 *     initial, and {@code lastName} and {@code firstName} are taken from {@code name} when a lead has only that
 */
public record MatchRule(boolean enabled, boolean fuzzy, List<String> fuzzyFields) {
  /**
   * Matching on the email address; fuzzy matching off, and when switched on without fields: last name, first
   * initial, company key and phone.
   */
  public static final MatchRule DEFAULTS =
      new MatchRule(true, false, List.of("lastName", "firstName", "companyKey", "phone"));

  public MatchRule {
    fuzzyFields = List.copyOf(fuzzyFields);
  }

  /** Reads the {@code duplicates} section; an absent section gives {@link #DEFAULTS}. */
  public static MatchRule from(ConfigNode node) {
    node.allowOnly("enabled", "fuzzy");
    boolean enabled = node.bool("enabled", DEFAULTS.enabled());
    ConfigNode fuzzy = node.section("fuzzy").allowOnly("enabled", "fields");
    if (!fuzzy.has("fields")) {
      return new MatchRule(enabled, fuzzy.bool("enabled", DEFAULTS.fuzzy()), DEFAULTS.fuzzyFields());
    }
    List<String> fields = fuzzy.stringList("fields");
    if (fields.size() < 2) {
      throw fuzzy.error("fields", "needs at least two fields, so that one shared value (a company) is no match");
    }
    if (new HashSet<>(fields).size() != fields.size()) {
      throw fuzzy.error("fields", "names a field twice: " + fields);
    }
    return new MatchRule(enabled, fuzzy.bool("enabled", DEFAULTS.fuzzy()), fields);
  }
}
