package org.leadgate.enrichment.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Headers;

/** How long a vendor's own rate-limit headers say to wait after a 429 that has no {@code Retry-After}. */
@FunctionalInterface
interface RateLimitWait {
  /** For vendors without such headers. */
  RateLimitWait NONE = (headers, clock) -> Optional.empty();

  Optional<Duration> after(Headers headers, Clock clock);
}
