package org.leadgate.crm.salesforce.auth;

import java.time.Instant;
import okhttp3.FormBody;

/** The client credentials grant: the connected app's key and secret, run as the app's configured user. */
final class ClientCredentialsFlow implements TokenFlow {
  private final String clientId;
  private final String clientSecret;

  ClientCredentialsFlow(String clientId, String clientSecret) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  @Override
  public String name() {
    return AuthSettings.Flow.CLIENT_CREDENTIALS.id();
  }

  @Override
  public FormBody form(Instant now) {
    return new FormBody.Builder()
        .add("grant_type", "client_credentials")
        .add("client_id", clientId)
        .add("client_secret", clientSecret)
        .build();
  }
}
