package org.leadgate.crm.generic;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.leadgate.http.HeaderSyntax;

/** What configured header names and values must be; values are never echoed, they are often secrets. */
final class HeaderRules {
  /** Headers the adapter sets itself (lower case). */
  static final Set<String> ADAPTER_HEADERS =
      Set.of("content-type", "content-length", "host", "idempotency-key", "transfer-encoding", "connection");

  private HeaderRules() {}

  /** Why {@code name} cannot be configured, given the header names set elsewhere ({@code taken}, lower case). */
  static Optional<String> nameProblem(String name, Set<String> taken) {
    if (!HeaderSyntax.isName(name)) {
      return Optional.of("must be an HTTP header name (" + HeaderSyntax.NAME_RULE + ") but was '" + name + "'");
    }
    if (taken.contains(name.toLowerCase(Locale.ROOT))) {
      return Optional.of("'" + name + "' is set by the adapter itself");
    }
    return Optional.empty();
  }

  /** Why a configured (not lead-given) header value is unusable. */
  static Optional<String> valueProblem(String value) {
    return HeaderSyntax.isValue(value)
        ? Optional.empty()
        : Optional.of("must contain only printable ASCII characters");
  }
}
