package org.leadgate.http;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code application/x-www-form-urlencoded} text (a form body or a query string) as name → values, in order. */
public final class UrlEncoded {
  private UrlEncoded() {}

  /**
   * Every parameter of {@code text}, decoded in {@code charset}.
   *
   * @throws IllegalArgumentException if a %-escape is broken
   */
  public static Map<String, List<String>> decode(String text, Charset charset) {
    return decode(text, charset, false);
  }

  /** The parameters of {@code text} that decode: one with a broken %-escape is left out, the others kept. */
  public static Map<String, List<String>> decodeReadable(String text, Charset charset) {
    return decode(text, charset, true);
  }

  private static Map<String, List<String>> decode(String text, Charset charset, boolean skipBroken) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), charset);
        String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException brokenEscape) {
        if (!skipBroken) {
          throw brokenEscape;
        }
      }
    }
    return values;
  }
}
