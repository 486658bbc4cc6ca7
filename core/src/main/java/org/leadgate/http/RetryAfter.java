package org.leadgate.http;

import static java.time.temporal.ChronoField.YEAR;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * How long a server (a CRM, an enrichment provider) asked us to wait: an HTTP {@code Retry-After} value (RFC 9110, section 10.2.3: delta-seconds
 * or an HTTP-date in any of its three forms) or a vendor's reset time. Times are taken relative to the clock; a time
 * in the past gives zero, anything unparseable gives nothing.
 */
public final class RetryAfter {
  private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .appendPattern("EEE MMM ppd HH:mm:ss yyyy")
      .toFormatter(Locale.US)
      .withZone(ZoneOffset.UTC);

  private RetryAfter() {}

  /** A {@code Retry-After} header value. */
  public static Optional<Duration> parse(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.trim();
    if (isDigits(text)) {
      return seconds(text).map(Duration::ofSeconds);
    }
    return httpDate(text, clock).map(at -> until(at, clock));
  }

  /** A reset time: an ISO-8601 instant ({@code 2022-02-23T20:19:55Z}), UTC epoch seconds or an HTTP-date. */
  public static Optional<Duration> untilResetTime(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.trim();
    if (isDigits(text)) {
      return seconds(text).map(Instant::ofEpochSecond).map(at -> until(at, clock));
    }
    try {
      return Optional.of(until(Instant.parse(text), clock));
    } catch (DateTimeParseException e) {
      return httpDate(text, clock).map(at -> until(at, clock));
    }
  }

  private static Duration until(Instant at, Clock clock) {
    Duration wait = Duration.between(clock.instant(), at);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  private static boolean isDigits(String text) {
    return text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static Optional<Long> seconds(String digits) {
    try {
      return Optional.of(Long.parseLong(digits));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> httpDate(String text, Clock clock) {
    for (DateTimeFormatter format : new DateTimeFormatter[] {
        DateTimeFormatter.RFC_1123_DATE_TIME, rfc850(clock), ASCTIME}) {
      try {
        return Optional.of(format.parse(text, Instant::from));
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return Optional.empty();
  }

  /**
   * The obsolete {@code Sunday, 06-Nov-94 08:49:37 GMT} form; its two-digit year is read as at most 50 years ahead
   * of the clock, as RFC 9110 asks.
   */
  private static DateTimeFormatter rfc850(Clock clock) {
    int thisYear = clock.instant().atZone(ZoneOffset.UTC).getYear();
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern("EEEE, dd-MMM-")
        .appendValueReduced(YEAR, 2, 2, thisYear - 49)
        .appendPattern(" HH:mm:ss 'GMT'")
        .toFormatter(Locale.US)
        .withZone(ZoneOffset.UTC);
  }
}
