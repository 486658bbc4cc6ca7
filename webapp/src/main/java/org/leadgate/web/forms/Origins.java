package org.leadgate.web.forms;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.leadgate.config.FormConfig;

/** Decides whether the page that posted a form may do so, from the browser's {@code Origin} header. */
final class Origins {
  private Origins() {}

  /** The request's Origin header, if the browser sent one. */
  static Optional<String> of(HttpServletRequest request) {
    return Optional.ofNullable(request.getHeader("Origin")).filter(o -> !o.isBlank());
  }

  /** No Origin (a server-side client) or the gateway's own pages are allowed, else only the form's origins. */
  static boolean allowed(HttpServletRequest request, FormConfig form) {
    Optional<String> origin = of(request);
    return origin.isEmpty() || isSelf(request, origin.get()) || form.allowedOrigins().contains(origin.get());
  }

  /** Whether a cross-origin page is allowed (and so gets CORS headers). */
  static boolean isCrossOriginAllowed(HttpServletRequest request, FormConfig form) {
    return of(request).filter(o -> !isSelf(request, o) && form.allowedOrigins().contains(o)).isPresent();
  }

  private static boolean isSelf(HttpServletRequest request, String origin) {
    int port = request.getServerPort();
    boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
        || ("https".equals(request.getScheme()) && port == 443);
    String self = request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    return self.equalsIgnoreCase(origin);
  }
}
