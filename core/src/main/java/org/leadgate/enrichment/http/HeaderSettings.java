package org.leadgate.enrichment.http;

import okhttp3.Headers;
import org.leadgate.config.ConfigNode;
import org.leadgate.http.HeaderSyntax;

/**
 * Request headers from configuration. Names must be RFC 9110 tokens and values printable ASCII; values are never
 * echoed in errors, they are usually secrets.
 */
final class HeaderSettings {
  private HeaderSettings() {}

  /** The mapping of header names to values at {@code key}; absent gives no headers. */
  static Headers read(ConfigNode settings, String key) {
    ConfigNode section = settings.section(key);
    Headers.Builder headers = new Headers.Builder();
    settings.stringMap(key).forEach((name, value) -> {
      if (!HeaderSyntax.isName(name)) {
        throw section.error(name, "is not an HTTP header name (" + HeaderSyntax.NAME_RULE + ")");
      }
      headers.add(name, checkValue(section, name, value));
    });
    return headers.build();
  }

  /** The required value at {@code key}, checked to be usable as a header value. */
  static String value(ConfigNode settings, String key) {
    return checkValue(settings, key, settings.string(key));
  }

  private static String checkValue(ConfigNode section, String key, String value) {
    if (!HeaderSyntax.isValue(value)) {
      throw section.error(key, "must contain only printable ASCII characters");
    }
    return value;
  }
}
