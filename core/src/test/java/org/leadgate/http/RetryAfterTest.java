package org.leadgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  /** Two minutes before the date in RFC 9110's examples. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("1994-11-06T08:47:37Z"), ZoneOffset.UTC);

  @Test
  void readsDeltaSeconds() {
    assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", CLOCK));
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(" 0 ", CLOCK));
  }

  @Test
  void readsAnImfFixdateRelativeToTheClock() {
    assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", CLOCK));
  }

  @Test
  void readsTheObsoleteRfc850AndAsctimeDates() {
    assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", CLOCK));
    assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("Sun Nov  6 08:49:37 1994", CLOCK));
  }

  @Test
  void givesZeroForADateInThePast() {
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", CLOCK));
  }

  @Test
  void ignoresWhatItCannotRead() {
    assertEquals(Optional.empty(), RetryAfter.parse(null, CLOCK));
    assertEquals(Optional.empty(), RetryAfter.parse("", CLOCK));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", CLOCK));
    assertEquals(Optional.empty(), RetryAfter.parse("-5", CLOCK));
    assertEquals(Optional.empty(), RetryAfter.parse("1.5", CLOCK));
    assertEquals(Optional.empty(), RetryAfter.parse("99999999999999999999999", CLOCK));
    assertEquals(Optional.empty(), RetryAfter.parse("2026-11-23T10:15:30Z", CLOCK));
  }
}
