package org.leadgate.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waits for something another thread or process does (a delivery over real HTTP) by polling, with a deadline.
 * Only for effects across process or network boundaries; in-process time is driven by an injected clock.
 */
public final class Eventually {
  private Eventually() {}

  public static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      Thread.sleep(25);
    }
  }
}
