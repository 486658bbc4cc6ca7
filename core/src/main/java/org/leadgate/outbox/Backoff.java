package org.leadgate.outbox;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: after the n-th failure wait {@code initial * 2^(n-1)}, capped at {@code max},
 * of which a random half is taken off, so that many leads failing together do not retry together.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    if (initial.isZero() || initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max but was " + initial + " and " + max);
    }
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** How long to wait after {@code failures} failed attempts (at least 1). */
  public Duration after(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1 but was " + failures);
    }
    long ceiling = initial.toMillis();
    for (int i = 1; i < failures && ceiling < max.toMillis(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, max.toMillis());
    long half = ceiling / 2;
    return Duration.ofMillis(ceiling - half + random.nextLong(half + 1));
  }
}
