package org.leadgate.crm.generic;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The target's circuit breaker: it opens when {@code failureRate} percent of the last {@code window} calls (at least
 * {@code minimumCalls}) failed (no answer, or a status to retry), refuses calls for {@code openFor} on the injected
 * clock, then lets {@code halfOpenCalls} calls through to decide whether to close again.
 */
record BreakerSettings(int failureRate, int window, int minimumCalls, Duration openFor, int halfOpenCalls) {
  static final BreakerSettings DEFAULT = new BreakerSettings(50, 10, 5, Duration.ofSeconds(30), 1);

  BreakerSettings {
    Objects.requireNonNull(openFor, "openFor");
  }

  CircuitBreakerConfig config(Clock clock) {
    return CircuitBreakerConfig.custom()
        .failureRateThreshold(failureRate)
        .slidingWindow(window, minimumCalls, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .waitDurationInOpenState(openFor)
        .permittedNumberOfCallsInHalfOpenState(halfOpenCalls)
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .recordResult(answer -> answer instanceof Answer answered && answered.failed())
        .clock(clock)
        .build();
  }
}
