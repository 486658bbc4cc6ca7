package org.leadgate.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that stands still until the test moves it with {@link #advance} or {@link #set}, so that code
 * waiting for time to pass can be tested without sleeping. Safe to read from other threads.
 */
public final class MutableClock extends Clock {
  private final ZoneId zone;
  private volatile Instant instant;

  public MutableClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  private MutableClock(Instant start, ZoneId zone) {
    this.instant = Objects.requireNonNull(start, "start");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** A clock at a fixed, round instant (2026-01-05T09:00:00Z), in UTC. */
  public static MutableClock atFixedStart() {
    return new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
  }

  /** Moves the clock forward (or back, for a negative amount) and returns the new instant. */
  public synchronized Instant advance(Duration amount) {
    instant = instant.plus(amount);
    return instant;
  }

  public void set(Instant newInstant) {
    instant = Objects.requireNonNull(newInstant, "instant");
  }

  @Override
  public Instant instant() {
    return instant;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in another zone that still follows this clock's instant. */
  @Override
  public Clock withZone(ZoneId newZone) {
    MutableClock outer = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return newZone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return outer.withZone(other);
      }

      @Override
      public Instant instant() {
        return outer.instant();
      }
    };
  }

  @Override
  public String toString() {
    return "MutableClock[" + instant + "]";
  }
}
