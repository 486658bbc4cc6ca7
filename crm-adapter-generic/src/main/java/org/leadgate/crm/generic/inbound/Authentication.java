package org.leadgate.crm.generic.inbound;

import java.time.Clock;
import java.util.Optional;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;
import org.leadgate.spi.HookRequest;

/** How a source proves that a request is its own: an HMAC signature over the body, or a bearer token. */
sealed interface Authentication permits HmacSignature, BearerToken {
  /** The shortest secret or token accepted: shorter ones can be guessed. */
  int MIN_SECRET_LENGTH = 16;

  /** Why the request is not let in (for the 401 answer and the log), or empty if it is. */
  Optional<String> refusal(HookRequest request);

  /** Forgets a request that was let in but not accepted (4xx, storage down), so that its sender may send it again. */
  default void release(HookRequest request) {}

  /** The {@code WWW-Authenticate} challenge of a 401, if the scheme has one. */
  default Optional<String> challenge() {
    return Optional.empty();
  }

  /** Reads {@code auth}: exactly one of {@code hmac} and {@code bearer}. */
  static Authentication from(ConfigNode auth, Clock clock) {
    auth.allowOnly("hmac", "bearer");
    if (auth.has("hmac") == auth.has("bearer")) {
      throw new ConfigException(auth.path(), "needs exactly one of hmac and bearer");
    }
    return auth.has("hmac")
        ? HmacSignature.from(auth.section("hmac"), clock)
        : BearerToken.from(auth.section("bearer"));
  }

  /** A required secret of at least {@value #MIN_SECRET_LENGTH} characters; never echoed in errors. */
  static String secret(ConfigNode node, String key) {
    String secret = node.string(key);
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw node.error(key, "must be at least " + MIN_SECRET_LENGTH + " characters long");
    }
    return secret;
  }
}
