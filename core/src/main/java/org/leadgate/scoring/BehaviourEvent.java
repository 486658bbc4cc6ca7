package org.leadgate.scoring;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something a lead did, such as {@code newsletter-signup} or {@code page-visited} with {@code path=/pricing}.
 *
 * @param properties details that behaviour rules may ask for with {@code where}
 */
public record BehaviourEvent(String type, Instant at, Map<String, String> properties) {
  public BehaviourEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    properties = Map.copyOf(properties);
  }

  public BehaviourEvent(String type, Instant at) {
    this(type, at, Map.of());
  }
}
