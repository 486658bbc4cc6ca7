package org.leadgate.lead;

import java.time.Instant;
import java.util.Objects;

/**
 * Who set a field value, and when.
 *
 * @param source the kind of source, which decides precedence
 * @param origin the concrete origin, for example {@code form:contact} or {@code provider:pdl}
 * @param at when the value was set
 */
public record Provenance(Source source, String origin, Instant at) {
  public Provenance {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(at, "at");
  }

  /** Kinds of source, strongest first: a value typed by the person beats one from the CRM, a provider or the IP. */
  public enum Source {
    TYPED,
    CRM,
    PROVIDER,
    IP_DERIVED
  }

  public static Provenance typed(String formId, Instant at) {
    return new Provenance(Source.TYPED, "form:" + formId, at);
  }
}
