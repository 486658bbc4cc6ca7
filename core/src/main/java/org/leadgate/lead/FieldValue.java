package org.leadgate.lead;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.leadgate.quality.Flag;

/**
 * One value of a lead with where it came from and what its quality check made of it.
 *
 * @param typed the value exactly as typed, when the stored value is a normalised form of it (a phone number in
 *     E.164, a country as its ISO code); nothing typed is lost
 * @param flags what the check noticed (an invalid phone number, a likely typo in a mail domain), with reasons
 */
public record FieldValue(String value, Provenance provenance, Optional<String> typed, List<Flag> flags) {
  public FieldValue {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(typed, "typed");
    flags = List.copyOf(flags);
  }

  /** A value as it came, not checked yet. */
  public FieldValue(String value, Provenance provenance) {
    this(value, provenance, Optional.empty(), List.of());
  }
}
