package org.leadgate.quality;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A typed value after a check: the tidy value (or the value exactly as typed when it could not be tidied), the
 * flags raised and derived facts (a suggestion, a phone number's type, …). Nothing typed is ever dropped.
 */
public record Checked(String value, List<Flag> flags, Map<String, String> facts) {
  public Checked {
    Objects.requireNonNull(value, "value");
    flags = List.copyOf(flags);
    facts = Map.copyOf(facts);
  }
}
