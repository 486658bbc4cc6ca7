package org.leadgate.crm.salesforce.auth;

import java.util.Objects;
import okhttp3.HttpUrl;

/** A Salesforce session to call the API with, or why there is none. */
public sealed interface Session {

  /** An access token and the {@code instance_url} the token response named, which all API calls go to. */
  record Active(String accessToken, HttpUrl instanceUrl) implements Session {
    public Active {
      Objects.requireNonNull(accessToken, "accessToken");
      Objects.requireNonNull(instanceUrl, "instanceUrl");
    }

    @Override
    public String toString() {
      return "Active[instanceUrl=" + instanceUrl + ", accessToken=(hidden)]";
    }
  }

  /** The token endpoint refused or could not be reached. */
  record Unavailable(String reason) implements Session {
    public Unavailable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
