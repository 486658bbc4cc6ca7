package org.leadgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A form that posts through LeadGate.
 *
 * @param thankYouUrl where browsers are sent after a successful submission: a path on this gateway or an absolute
 *     http(s) URL
 * @param allowedOrigins origins ({@code https://www.example.de}) whose pages may post this form; pages served by
 *     the gateway itself are always allowed
 */
public record FormConfig(
    String id, String title, List<FieldConfig> fields, String thankYouUrl, List<String> allowedOrigins) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?");

  public FormConfig {
    fields = List.copyOf(fields);
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  public Optional<FieldConfig> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  static FormConfig from(ConfigNode node) {
    node.allowOnly("id", "title", "fields", "thankYouUrl", "allowedOrigins");
    String id = node.string("id");
    if (!ID.matcher(id).matches()) {
      throw node.error("id", "must be lowercase letters, digits and '-' (at most 64) but was '" + id + "'");
    }
    List<ConfigNode> fieldNodes = node.list("fields");
    if (fieldNodes.isEmpty()) {
      throw node.error("fields", "a form needs at least one field");
    }
    Set<String> names = new HashSet<>();
    List<FieldConfig> fields = fieldNodes.stream().map(FieldConfig::from).toList();
    for (int i = 0; i < fields.size(); i++) {
      if (!names.add(fields.get(i).name())) {
        throw new ConfigException(fieldNodes.get(i).keyPath("name"),
            "field '" + fields.get(i).name() + "' is declared twice in form '" + id + "'");
      }
    }
    List<String> origins = node.stringList("allowedOrigins");
    for (int i = 0; i < origins.size(); i++) {
      if (!ORIGIN.matcher(origins.get(i)).matches()) {
        throw new ConfigException(node.keyPath("allowedOrigins") + "[" + i + "]",
            "must be an origin like https://www.example.de (scheme, host, optional port, no path) but was '"
                + origins.get(i) + "'");
      }
    }
    return new FormConfig(id, node.string("title", id), fields, thankYouUrl(node), origins);
  }

  private static String thankYouUrl(ConfigNode node) {
    String url = node.string("thankYouUrl", "/thanks");
    if (url.contains("\\")) {
      throw node.error("thankYouUrl", "must not contain a backslash (browsers read '/\\' like '//')");
    }
    if (url.startsWith("/") && !url.startsWith("//")) {
      return url;
    }
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw node.error("thankYouUrl", "must be a path starting with '/' or an absolute http(s) URL but was '" + url + "'");
  }
}
