package org.leadgate.lead;

import java.util.Objects;

/** One value of a lead with where it came from. */
public record FieldValue(String value, Provenance provenance) {
  public FieldValue {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(provenance, "provenance");
  }
}
