package org.leadgate.crm.generic.auth;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * OAuth 2.0 client credentials (RFC 6749, section 4.4): where to get an access token and with which client. {@link
 * #toString()} hides the secret.
 *
 * @param scope the scope to ask for, if the token endpoint wants one
 * @param basicAuth whether the client authenticates with HTTP basic (RFC 6749 section 2.3.1, the default) rather than
 *     {@code client_id}/{@code client_secret} form parameters
 */
public record ClientCredentials(HttpUrl tokenUrl, String clientId, String clientSecret, Optional<String> scope,
    boolean basicAuth) implements AuthSettings {
  public ClientCredentials {
    Objects.requireNonNull(tokenUrl, "tokenUrl");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(scope, "scope");
  }

  @Override
  public Auth open(OkHttpClient client, Clock clock) {
    return new OAuthClient(this, client, clock);
  }

  @Override
  public Set<String> headerNames() {
    return Set.of("authorization");
  }

  @Override
  public String toString() {
    return "ClientCredentials[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=(hidden), scope="
        + scope + ", basicAuth=" + basicAuth + "]";
  }
}
