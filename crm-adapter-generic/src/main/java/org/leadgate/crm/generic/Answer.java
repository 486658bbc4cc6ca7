package org.leadgate.crm.generic;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What came of one request to the CRM. */
sealed interface Answer {
  /** Whether the call counts as a failure of the CRM for the circuit breaker. */
  boolean failed();

  /**
   * The CRM answered.
   *
   * @param body the start of the answer body, enough for ids and error messages
   * @param retryAfter the CRM's {@code Retry-After}, for statuses that are retried
   */
  record Reply(int status, StatusPolicy.Verdict verdict, String body, Optional<Duration> retryAfter) implements Answer {
    public Reply {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    @Override
    public boolean failed() {
      return verdict == StatusPolicy.Verdict.RETRY;
    }
  }

  /** No answer: the call failed, could not get credentials, or was not made because the circuit is open. */
  record Unanswered(String reason) implements Answer {
    public Unanswered {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean failed() {
      return true;
    }
  }
}
