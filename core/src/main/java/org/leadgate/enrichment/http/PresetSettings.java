package org.leadgate.enrichment.http;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import okhttp3.Headers;
import org.leadgate.config.ConfigNode;

/**
 * The settings every vendor preset has: {@code apiKey} (required) and {@code url}, a base URL that replaces the
 * vendor's (for a proxy or a test server). {@link #toString()} hides the key.
 *
 * @param settings the preset's settings, for errors that name a key
 * @param apiKey the vendor credential
 * @param baseUrl without a trailing slash
 */
record PresetSettings(ConfigNode settings, String apiKey, String baseUrl) {
  PresetSettings {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  /** Reads {@code apiKey} and {@code url}, allowing also the preset's own {@code otherKeys}. */
  static PresetSettings read(ConfigNode settings, String defaultBaseUrl, String... otherKeys) {
    settings.allowOnly(Stream.concat(Stream.of("apiKey", "url"), Stream.of(otherKeys)).toArray(String[]::new));
    String apiKey = HeaderSettings.value(settings, "apiKey");
    String baseUrl = defaultBaseUrl;
    if (settings.has("url")) {
      URI url = settings.httpUrl("url");
      if (url.getRawQuery() != null || url.getRawFragment() != null) {
        throw settings.error("url", "must be a base URL without query or fragment");
      }
      baseUrl = url.toString();
    }
    return new PresetSettings(settings, apiKey, baseUrl.replaceAll("/+$", ""));
  }

  /** The request URLs for these paths and queries (with placeholders) below the base URL; errors name {@code url}. */
  List<UrlTemplate> requests(String... pathsAndQueries) {
    return Stream.of(pathsAndQueries).map(p -> UrlTemplate.parse(baseUrl + p, settings, "url")).toList();
  }

  /** The header carrying the key, e.g. {@code X-Api-Key}, and {@code Accept: application/json}. */
  Headers headers(String name, String value) {
    return Headers.of(name, value, "Accept", "application/json");
  }

  @Override
  public String toString() {
    return "PresetSettings[apiKey=(hidden), baseUrl=" + baseUrl + "]";
  }
}
