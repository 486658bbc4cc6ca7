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

  /** No answer: the call failed, or could not get credentials. */
  record Unanswered(String reason) implements Answer {
    public Unanswered {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean failed() {
      return true;
    }
  }

  /** Not called, because the circuit is open: the leads try again after {@code retryAfter}, when it half-opens. */
  record NotSent(String reason, Duration retryAfter) implements Answer {
    public NotSent {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** False: the CRM was not asked, so it cannot have failed (and the breaker never sees this answer). */
    @Override
    public boolean failed() {
      return false;
    }
  }
}
