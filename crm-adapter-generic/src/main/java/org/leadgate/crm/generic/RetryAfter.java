package org.leadgate.crm.generic;

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
 * Reads an HTTP {@code Retry-After} value (RFC 9110, section 10.2.3): either delta-seconds or an HTTP-date, which is
 * taken relative to the given clock. A date in the past gives zero; anything unparseable gives nothing.
 */
final class RetryAfter {
  private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .appendPattern("EEE MMM ppd HH:mm:ss yyyy")
      .toFormatter(Locale.US)
      .withZone(ZoneOffset.UTC);

  private RetryAfter() {}

  static Optional<Duration> parse(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.trim();
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return httpDate(text, clock).map(at -> {
      Duration wait = Duration.between(clock.instant(), at);
      return wait.isNegative() ? Duration.ZERO : wait;
    });
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
