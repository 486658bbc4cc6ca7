package org.leadgate.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a CRM answered to one delivery, or that the adapter chose not to ask it yet ({@link Deferred}).
 * {@link #httpStatus()} is the HTTP status of the CRM's answer when the adapter tells it ({@link #withHttpStatus});
 * the delivery log shows it to whoever debugs a mapping.
 */
public sealed interface DeliveryResult {

  /** The HTTP status the CRM answered, if the adapter told it. */
  OptionalInt httpStatus();

  /**
   * The same result with the HTTP status the CRM answered.
   *
   * @throws UnsupportedOperationException for a {@link Deferred} result, which made no call
   */
  DeliveryResult withHttpStatus(int status);

  /** The CRM acknowledged the lead; {@code crmRecordId} is its id there, when the CRM tells it. */
  record Delivered(Optional<String> crmRecordId, OptionalInt httpStatus) implements DeliveryResult {
    public Delivered {
      Objects.requireNonNull(crmRecordId, "crmRecordId");
      httpStatus.ifPresent(DeliveryResult::requireHttpStatus);
    }

    public Delivered(Optional<String> crmRecordId) {
      this(crmRecordId, OptionalInt.empty());
    }

    @Override
    public Delivered withHttpStatus(int status) {
      return new Delivered(crmRecordId, OptionalInt.of(status));
    }
  }

  /** A passing failure (CRM down, timeout, rate limit): try again later, not before {@code retryAfter} if given. */
  record Retry(String reason, Optional<Duration> retryAfter, OptionalInt httpStatus) implements DeliveryResult {
    public Retry {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
      httpStatus.ifPresent(DeliveryResult::requireHttpStatus);
    }

    public Retry(String reason, Optional<Duration> retryAfter) {
      this(reason, retryAfter, OptionalInt.empty());
    }

    @Override
    public Retry withHttpStatus(int status) {
      return new Retry(reason, retryAfter, OptionalInt.of(status));
    }
  }

  /** The CRM refused this lead for good (bad data, mapping error): retrying will not help. */
  record Rejected(String reason, OptionalInt httpStatus) implements DeliveryResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      httpStatus.ifPresent(DeliveryResult::requireHttpStatus);
    }

    public Rejected(String reason) {
      this(reason, OptionalInt.empty());
    }

    @Override
    public Rejected withHttpStatus(int status) {
      return new Rejected(reason, OptionalInt.of(status));
    }
  }

  /**
   * The adapter made no call and holds the lead back for {@code retryAfter}: its own share of the CRM's API
   * allowance is spent, or its circuit breaker is open. Unlike {@link Retry} this spends none of the lead's
   * attempts, so a pause never turns leads into dead letters. The worker waits at least its poll interval and at
   * most a day.
   */
  record Deferred(String reason, Duration retryAfter) implements DeliveryResult {
    public Deferred {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
      retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    /** Empty: no call was made. */
    @Override
    public OptionalInt httpStatus() {
      return OptionalInt.empty();
    }

    /** Refused: a deferred delivery made no call, so there is no status to tell. */
    @Override
    public Deferred withHttpStatus(int status) {
      throw new UnsupportedOperationException("a deferred delivery made no call to have an HTTP status");
    }
  }

  private static void requireHttpStatus(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
  }

  static DeliveryResult delivered(String crmRecordId) {
    return new Delivered(Optional.ofNullable(crmRecordId));
  }

  static DeliveryResult retry(String reason) {
    return new Retry(reason, Optional.empty());
  }

  static DeliveryResult retry(String reason, Duration retryAfter) {
    return new Retry(reason, Optional.ofNullable(retryAfter));
  }

  static DeliveryResult rejected(String reason) {
    return new Rejected(reason);
  }
}
