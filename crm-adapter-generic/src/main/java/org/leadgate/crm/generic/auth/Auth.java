package org.leadgate.crm.generic.auth;

import java.util.Objects;
import okhttp3.Request;

/** Adds credentials to each request to the CRM. Thread-safe. */
public sealed interface Auth permits StaticCredentials, OAuthClient {
  /** The request with credentials, or why there are none right now (a token endpoint that is down). */
  Authorization authorize(Request request);

  /**
   * Called when the CRM answered 401: drops cached credentials and says whether one more try with fresh ones makes
   * sense.
   */
  boolean renew();

  /** A request with credentials, or why there are none. */
  sealed interface Authorization {
    record Ready(Request request) implements Authorization {
      public Ready {
        Objects.requireNonNull(request, "request");
      }
    }

    record Unavailable(String reason) implements Authorization {
      public Unavailable {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }
}
