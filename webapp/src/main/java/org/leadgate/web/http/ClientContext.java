package org.leadgate.web.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Optional;
import org.leadgate.Gateway;
import org.leadgate.intake.Submission;

/** Where a request came from, as consent evidence and enrichment input: never logged. */
public final class ClientContext {
  private ClientContext() {}

  /** The client address (X-Forwarded-For only behind trusted proxies), User-Agent, Referer and Accept-Language. */
  public static Submission.RequestContext of(HttpServletRequest request, Gateway gateway) {
    return new Submission.RequestContext(
        Optional.of(gateway.config().intake().trustedProxies().clientAddress(request.getRemoteAddr(),
            Collections.list(request.getHeaders("X-Forwarded-For")))),
        Optional.ofNullable(request.getHeader("User-Agent")),
        Optional.ofNullable(request.getHeader("Referer")),
        Optional.ofNullable(request.getHeader("Accept-Language")));
  }
}
