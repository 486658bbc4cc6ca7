package org.leadgate.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What a CRM answered to one delivery. */
public sealed interface DeliveryResult {

  /** The CRM acknowledged the lead; {@code crmRecordId} is its id there, when the CRM tells it. */
  record Delivered(Optional<String> crmRecordId) implements DeliveryResult {
    public Delivered {
      Objects.requireNonNull(crmRecordId, "crmRecordId");
    }
  }

  /** A passing failure (CRM down, timeout, rate limit): try again later, not before {@code retryAfter} if given. */
  record Retry(String reason, Optional<Duration> retryAfter) implements DeliveryResult {
    public Retry {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }

  /** The CRM refused this lead for good (bad data, mapping error): retrying will not help. */
  record Rejected(String reason) implements DeliveryResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
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
