package org.leadgate.enrichment.guard;

import java.time.Duration;

/** Waits before a retry; tests substitute one that moves a clock instead of sleeping. */
@FunctionalInterface
public interface Waiter {

  void waitFor(Duration duration) throws InterruptedException;

  /** Waits by sleeping the calling thread. */
  static Waiter sleeping() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
