package org.leadgate.config;

import java.time.Duration;

/**
 * How the outbox hands leads to the CRM.
 *
 * @param maxAttempts attempts before a lead goes to the dead letters
 * @param initialBackoff wait after the first failure; doubles with each further failure, with jitter
 * @param maxBackoff the longest wait between attempts
 * @param pollInterval how often the worker looks for due deliveries when nothing wakes it
 * @param claimLease how long one attempt may take before another worker may take the lead over (after a crash)
 * @param logRetention how long the delivery log keeps an attempt
 */
public record DeliveryConfig(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration pollInterval,
    Duration claimLease, Duration logRetention) {
  static DeliveryConfig from(ConfigNode node) {
    node.allowOnly("maxAttempts", "initialBackoff", "maxBackoff", "pollInterval", "claimLease", "logRetention");
    Duration initial = node.duration("initialBackoff", Duration.ofSeconds(2));
    if (initial.toMillis() < 1) {
      throw node.error("initialBackoff", "must be at least 1ms");
    }
    Duration max = node.duration("maxBackoff", Duration.ofMinutes(30));
    if (max.compareTo(initial) < 0) {
      throw node.error("maxBackoff", "must not be shorter than delivery.initialBackoff (" + initial + ")");
    }
    Duration logRetention = node.duration("logRetention", Duration.ofDays(30));
    if (logRetention.compareTo(Duration.ofHours(1)) < 0) {
      throw node.error("logRetention", "must be at least 1h");
    }
    return new DeliveryConfig(
        node.integer("maxAttempts", 12, 1, 1000),
        initial,
        max,
        node.duration("pollInterval", Duration.ofSeconds(1)),
        node.duration("claimLease", Duration.ofMinutes(5)),
        logRetention);
  }
}
