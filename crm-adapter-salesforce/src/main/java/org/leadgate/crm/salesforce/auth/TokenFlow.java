package org.leadgate.crm.salesforce.auth;

import java.time.Instant;
import okhttp3.FormBody;

/** One OAuth grant: the form posted to {@code /services/oauth2/token}. */
interface TokenFlow {
  /** The flow's configuration name, for logs and health. */
  String name();

  FormBody form(Instant now);
}
