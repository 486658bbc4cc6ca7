package org.leadgate.enrichment;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/** What one provider answered for one query. */
public sealed interface ProviderResult {

  /**
   * The provider knows the subject.
   *
   * @param fields enrichment field name (see {@link EnrichmentFields}) to value
   * @param likelihood the provider's overall match likelihood from 0 to 1, when it gives one
   */
  record Found(Map<String, EnrichedValue> fields, OptionalDouble likelihood) implements ProviderResult {
    public Found {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
      Objects.requireNonNull(likelihood, "likelihood");
    }

    public Found(Map<String, EnrichedValue> fields) {
      this(fields, OptionalDouble.empty());
    }
  }

  /** The provider answered and does not know the subject; cached as a negative answer. */
  record NoMatch() implements ProviderResult {}

  /**
   * The provider could not answer. Only {@link Kind#TRANSIENT} failures are retried at once; all count against the
   * provider's circuit breaker and leave a gap that a later re-enrichment fills.
   *
   * @param retryAfter how long the provider asked us to wait (HTTP 429/503 {@code Retry-After})
   */
  record Failed(Kind kind, String reason, Optional<Duration> retryAfter) implements ProviderResult {
    public Failed {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Failed(Kind kind, String reason) {
      this(kind, reason, Optional.empty());
    }
  }

  /** Why a provider could not answer. */
  enum Kind {
    /** Timeouts, connection errors, 429, 5xx: worth trying again. */
    TRANSIENT,
    /** Credentials refused (401): not worth retrying until the configuration changes. */
    UNAUTHORIZED,
    /** Out of credits or plan limits (402, 403 for quota): not worth retrying soon. */
    OUT_OF_CREDITS,
    /** A malformed, oversized or wrongly typed response, or a request the provider refused (4xx). */
    BAD_RESPONSE
  }
}
