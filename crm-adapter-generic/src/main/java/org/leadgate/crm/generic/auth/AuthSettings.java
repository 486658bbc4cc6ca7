package org.leadgate.crm.generic.auth;

import java.time.Clock;
import java.util.Set;
import okhttp3.OkHttpClient;

/** Configured credentials, opened into an {@link Auth} once the adapter has its HTTP client. */
public sealed interface AuthSettings permits StaticCredentials, ClientCredentials {
  /** The credentials in use, fetching tokens with {@code client} and timing them with {@code clock}. */
  Auth open(OkHttpClient client, Clock clock);

  /** Header names (lower case) the credentials set, which configured headers must not set too. */
  Set<String> headerNames();
}
