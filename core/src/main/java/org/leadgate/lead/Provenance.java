package org.leadgate.lead;

import java.time.Instant;
import java.util.Objects;

/**
 * Who set a field value, when, and how sure it is.
 *
 * @param source the kind of source, which decides precedence
 * @param origin the concrete origin, for example {@code form:contact} or {@code provider:pdl}
 * @param at when the value was set
 * @param confidence from 0 to 1; 1 for typed values and sources that give none
 */
public record Provenance(Source source, String origin, Instant at, double confidence) {
  public Provenance {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(at, "at");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
    }
  }

  public Provenance(Source source, String origin, Instant at) {
    this(source, origin, at, 1.0);
  }

  /** Whether a value from this source may replace one from {@code existing}: only a stronger source may. */
  public boolean outranks(Provenance existing) {
    return source.ordinal() < existing.source.ordinal();
  }

  /**
   * Kinds of source, strongest first: a value typed by the person beats one from the CRM, a provider, the IP or
   * the request (browser, language, campaign parameters).
   */
  public enum Source {
    TYPED,
    CRM,
    PROVIDER,
    IP_DERIVED,
    REQUEST
  }

  public static Provenance typed(String formId, Instant at) {
    return new Provenance(Source.TYPED, "form:" + formId, at);
  }
}
