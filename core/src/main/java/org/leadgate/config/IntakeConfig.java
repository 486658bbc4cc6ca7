package org.leadgate.config;

import java.time.Duration;
import java.util.List;
import org.leadgate.enrichment.net.TrustedProxies;

/**
 * How submissions are taken.
 *
 * @param maxBodyBytes larger bodies are refused with 413
 * @param commitTimeout how long a request waits for its commit before it is answered 503
 * @param maxBatch how many submissions share one commit at most
 * @param trustedProxies the proxies (addresses or CIDR ranges) whose {@code X-Forwarded-For} is believed; the
 *     client address is the last one in that header that is not a trusted proxy. Empty: the socket's peer is the
 *     client.
 */
public record IntakeConfig(int maxBodyBytes, Duration commitTimeout, int maxBatch, TrustedProxies trustedProxies) {
  static IntakeConfig from(ConfigNode node) {
    node.allowOnly("maxBodyBytes", "commitTimeout", "maxBatch", "trustedProxies");
    List<String> proxies = node.stringList("trustedProxies");
    TrustedProxies trusted;
    try {
      trusted = TrustedProxies.of(proxies);
    } catch (IllegalArgumentException e) {
      throw node.error("trustedProxies", e.getMessage());
    }
    return new IntakeConfig(
        node.integer("maxBodyBytes", 64 * 1024, 1024, 16 * 1024 * 1024),
        node.duration("commitTimeout", Duration.ofSeconds(10)),
        node.integer("maxBatch", 256, 1, 10_000),
        trusted);
  }
}
