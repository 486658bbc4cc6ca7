package org.leadgate.enrichment.request;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the form's HTTP request says about the visit, as received.
 *
 * @param userAgent the {@code User-Agent} header
 * @param acceptLanguage the {@code Accept-Language} header
 * @param referrer the page that led to the form, from the form post or the {@code Referer} header
 * @param utm campaign parameters by key ({@code source}, {@code medium}, {@code campaign}, {@code term},
 *     {@code content}), see {@link Utm#from}
 */
public record RequestData(Optional<String> userAgent, Optional<String> acceptLanguage, Optional<String> referrer,
    Map<String, String> utm) {
  public RequestData {
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(acceptLanguage, "acceptLanguage");
    Objects.requireNonNull(referrer, "referrer");
    utm = Map.copyOf(utm);
  }
}
