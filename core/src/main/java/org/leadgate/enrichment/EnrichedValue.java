package org.leadgate.enrichment;

import java.util.Objects;

/**
 * One value a provider found, with its confidence from 0 to 1 (1 when the provider gives none).
 */
public record EnrichedValue(String value, double confidence) {
  public EnrichedValue {
    Objects.requireNonNull(value, "value");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
    }
  }

  public static EnrichedValue certain(String value) {
    return new EnrichedValue(value, 1.0);
  }
}
