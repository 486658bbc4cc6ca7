package org.leadgate.config;

import java.time.Duration;

/**
 * How submissions are taken.
 *
 * @param maxBodyBytes larger bodies are refused with 413
 * @param commitTimeout how long a request waits for its commit before it is answered 503
 * @param maxBatch how many submissions share one commit at most
 */
public record IntakeConfig(int maxBodyBytes, Duration commitTimeout, int maxBatch) {
  static IntakeConfig from(ConfigNode node) {
    node.allowOnly("maxBodyBytes", "commitTimeout", "maxBatch");
    return new IntakeConfig(
        node.integer("maxBodyBytes", 64 * 1024, 1024, 16 * 1024 * 1024),
        node.duration("commitTimeout", Duration.ofSeconds(10)),
        node.integer("maxBatch", 256, 1, 10_000));
  }
}
