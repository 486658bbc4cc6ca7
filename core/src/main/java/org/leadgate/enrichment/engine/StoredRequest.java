package org.leadgate.enrichment.engine;

import java.util.Map;
import java.util.Optional;

/**
 * The request a lead came with, as stored for enrichment.
 *
 * @param clientIp the client address, or its network once it was looked up ({@code ipTruncated})
 * @param utm campaign parameters ({@code source}, {@code medium}, {@code campaign}, {@code term}, {@code content})
 */
record StoredRequest(Optional<String> clientIp, boolean ipTruncated, Optional<String> userAgent,
    Optional<String> acceptLanguage, Optional<String> referrer, Map<String, String> utm) {
  static final StoredRequest NONE = new StoredRequest(Optional.empty(), false, Optional.empty(), Optional.empty(),
      Optional.empty(), Map.of());

  StoredRequest {
    utm = Map.copyOf(utm);
  }
}
