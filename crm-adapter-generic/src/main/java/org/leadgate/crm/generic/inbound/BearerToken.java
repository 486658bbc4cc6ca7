package org.leadgate.crm.generic.inbound;

import java.util.Locale;
import java.util.Optional;
import org.leadgate.config.ConfigNode;
import org.leadgate.http.Secrets;
import org.leadgate.spi.HookRequest;

/**
 * {@code Authorization: Bearer <token>} with the configured token. The comparison is of SHA-256 digests in constant
 * time, so neither the token nor its length leaks through timing.
 */
final class BearerToken implements Authentication {
  private final String token;

  private BearerToken(String token) {
    this.token = token;
  }

  static BearerToken from(ConfigNode bearer) {
    bearer.allowOnly("token");
    String token = Authentication.secret(bearer, "token");
    if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw bearer.error("token", "must be printable ASCII without spaces");
    }
    return new BearerToken(token);
  }

  @Override
  public Optional<String> refusal(HookRequest request) {
    String header = request.header("authorization").orElse("").strip();
    if (!header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      return Optional.of("missing bearer token");
    }
    return Secrets.matches(token, header.substring("bearer ".length()).strip())
        ? Optional.empty()
        : Optional.of("wrong bearer token");
  }

  @Override
  public Optional<String> challenge() {
    return Optional.of("Bearer realm=\"leadgate-hooks\"");
  }

  @Override
  public String toString() {
    return "BearerToken[(hidden)]";
  }
}
