package org.leadgate.enrichment.request;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.enrichment.EnrichmentFields;
import org.leadgate.http.UrlEncoded;

/** The campaign ({@code utm_*}) parameters of a visit. */
public final class Utm {
  /** The keys, in order, with the enrichment field each fills. */
  static final Map<String, String> FIELDS = fields();
  private static final int MAX_LENGTH = 200;

  private Utm() {}

  /**
   * The campaign parameters by key ({@code source} for {@code utm_source}, …): all from the form post when it carries
   * any (the page's script kept those of the landing page), else all from the query string of the form's page URL,
   * so that one visit's values are never mixed with another's. Values are URL-decoded, trimmed, capped at 200
   * characters; blank ones are left out.
   */
  public static Map<String, String> from(Map<String, List<String>> postedValues, Optional<String> pageUrl) {
    Map<String, String> posted = collect(postedValues);
    return !posted.isEmpty() ? posted : collect(pageUrl.map(Utm::queryParameters).orElse(Map.of()));
  }

  private static Map<String, String> collect(Map<String, List<String>> parameters) {
    Map<String, String> utm = new HashMap<>();
    for (String key : FIELDS.keySet()) {
      parameters.getOrDefault("utm_" + key, List.of()).stream().map(String::strip).filter(v -> !v.isEmpty())
          .findFirst().ifPresent(value -> utm.put(key, capped(value)));
    }
    return utm;
  }

  private static Map<String, List<String>> queryParameters(String url) {
    int start = url.indexOf('?');
    if (start < 0) {
      return Map.of();
    }
    int end = url.indexOf('#', start);
    return UrlEncoded.decodeReadable(url.substring(start + 1, end < 0 ? url.length() : end), StandardCharsets.UTF_8);
  }

  /** At most {@link #MAX_LENGTH} characters, never splitting a surrogate pair. */
  private static String capped(String value) {
    if (value.length() <= MAX_LENGTH) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
    return value.substring(0, end);
  }

  private static Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("source", EnrichmentFields.UTM_SOURCE);
    fields.put("medium", EnrichmentFields.UTM_MEDIUM);
    fields.put("campaign", EnrichmentFields.UTM_CAMPAIGN);
    fields.put("term", EnrichmentFields.UTM_TERM);
    fields.put("content", EnrichmentFields.UTM_CONTENT);
    return Collections.unmodifiableMap(fields);
  }
}
