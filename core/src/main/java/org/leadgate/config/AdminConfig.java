package org.leadgate.config;

import java.util.Optional;

/**
 * The admin API ({@code /api/...}). Without a token it is switched off.
 *
 * @param token the bearer token admin clients send; at least 16 characters
 */
public record AdminConfig(Optional<String> token) {
  static AdminConfig from(ConfigNode node) {
    node.allowOnly("token");
    Optional<String> token = node.optionalString("token");
    if (token.isPresent() && token.get().length() < 16) {
      throw node.error("token", "must be at least 16 characters long");
    }
    return new AdminConfig(token);
  }
}
