package org.leadgate.enrichment;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one provider sends for one lead, normalised (for example {@code domain=acme.de}); equal queries get equal
 * answers, so it is also the provider's cache key. It holds only values taken from an {@link EnrichmentInput}.
 */
public record LookupQuery(Map<String, String> parameters) {
  public LookupQuery {
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException("a lookup asks for at least one value");
    }
    parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
  }

  public static LookupQuery of(String name, String value) {
    return new LookupQuery(Map.of(name, value));
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(parameters.get(name));
  }

  /** The parameter names only: queries carry personal data and are never logged with their values. */
  @Override
  public String toString() {
    return "LookupQuery" + parameters.keySet();
  }
}
