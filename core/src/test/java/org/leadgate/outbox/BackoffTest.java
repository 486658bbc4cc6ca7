package org.leadgate.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Duration INITIAL = Duration.ofSeconds(2);
  private static final Duration MAX = Duration.ofMinutes(30);

  private static Backoff backoff(long seed) {
    return new Backoff(INITIAL, MAX, new SplittableRandom(seed));
  }

  private static void assertWithin(Duration low, Duration high, Duration actual, String what) {
    assertTrue(actual.compareTo(low) >= 0 && actual.compareTo(high) <= 0,
        what + ": " + actual + " should be within [" + low + ", " + high + "]");
  }

  @Test
  void waitDoublesWithEachFailureTakingARandomHalfOff() {
    Backoff backoff = backoff(42);
    for (int failures = 1; failures <= 10; failures++) {
      Duration ceiling = INITIAL.multipliedBy(1L << (failures - 1));
      for (int sample = 0; sample < 50; sample++) {
        assertWithin(ceiling.dividedBy(2), ceiling, backoff.after(failures), "after " + failures + " failures");
      }
    }
  }

  @Test
  void waitIsCappedAtTheMaximum() {
    Backoff backoff = backoff(7);
    for (int failures : List.of(11, 12, 20, 64, 1000, Integer.MAX_VALUE)) {
      assertWithin(MAX.dividedBy(2), MAX, backoff.after(failures), "after " + failures + " failures");
    }
  }

  @Test
  void jitterSpreadsLeadsThatFailedTogether() {
    Backoff backoff = backoff(1);

    Set<Duration> waits = new HashSet<>();
    IntStream.range(0, 100).forEach(i -> waits.add(backoff.after(3)));

    assertTrue(waits.size() > 10, "waits after the same failure should differ: " + waits);
  }

  @Test
  void sameSeedGivesTheSameWaits() {
    Backoff one = backoff(99);
    Backoff two = backoff(99);

    for (int failures = 1; failures < 15; failures++) {
      assertEquals(one.after(failures), two.after(failures));
    }
  }

  @Test
  void initialEqualToMaxAlwaysWaitsBetweenHalfAndFullMax() {
    Backoff flat = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(10), new SplittableRandom(3));

    for (int failures = 1; failures < 5; failures++) {
      assertWithin(Duration.ofSeconds(5), Duration.ofSeconds(10), flat.after(failures), "flat");
    }
  }

  @Test
  void fewerThanOneFailureIsRefused() {
    Backoff backoff = backoff(1);

    assertThrows(IllegalArgumentException.class, () -> backoff.after(0));
    assertThrows(IllegalArgumentException.class, () -> backoff.after(-1));
  }

  @Test
  void boundsOutOfOrderOrNotPositiveAreRefused() {
    SplittableRandom random = new SplittableRandom(1);

    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, MAX, random));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(-1), MAX, random));
    assertThrows(IllegalArgumentException.class,
        () -> new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(1), random));
  }
}
