package org.leadgate.enrichment.http;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import org.leadgate.config.ConfigNode;
import org.leadgate.enrichment.EnrichmentInput;

/**
 * A request URL with placeholders ({@code {domain}}, {@code {ip}}, {@code {companyName}}) that may stand only in path
 * segments and query values, so lead data can never choose the scheme, host, port or user info. Each value is
 * encoded for its place by {@link HttpUrl.Builder}: it cannot add path segments or query parameters.
 */
final class UrlTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  /** Placeholders are parsed as these letters-and-digits markers, which are valid anywhere in a URL. */
  private static final String MARKER_PREFIX = "zlgph";
  private static final Pattern MARKER = Pattern.compile(MARKER_PREFIX + "(\\d)z");
  private static final String KNOWN = Arrays.stream(Placeholder.values())
      .map(p -> "{" + p.key() + "}").collect(Collectors.joining(", "));

  private final HttpUrl url;
  private final Set<Placeholder> placeholders;

  private UrlTemplate(HttpUrl url, Set<Placeholder> placeholders) {
    this.url = url;
    this.placeholders = placeholders;
  }

  /** Parses {@code template}, which the configuration holds at {@code key} of {@code settings}. */
  static UrlTemplate parse(String template, ConfigNode settings, String key) {
    Set<Placeholder> used = EnumSet.noneOf(Placeholder.class);
    Matcher placeholder = PLACEHOLDER.matcher(template);
    StringBuilder marked = new StringBuilder();
    while (placeholder.find()) {
      String name = placeholder.group(1);
      Placeholder p = Placeholder.byKey(name)
          .orElseThrow(() -> settings.error(key, "unknown placeholder {" + name + "}; known: " + KNOWN));
      used.add(p);
      placeholder.appendReplacement(marked, marker(p));
    }
    placeholder.appendTail(marked);
    if (marked.indexOf("{") >= 0 || marked.indexOf("}") >= 0) {
      throw settings.error(key, "has a { or } that does not enclose a placeholder");
    }
    if (used.isEmpty()) {
      throw settings.error(key, "must contain at least one placeholder: " + KNOWN);
    }
    HttpUrl url = HttpUrl.parse(marked.toString());
    if (url == null) {
      throw settings.error(key, "must be an absolute http or https URL (placeholders only in path and query)");
    }
    String outsidePathAndQuery = url.newBuilder().encodedPath("/").query(null).build().toString();
    if (outsidePathAndQuery.contains(MARKER_PREFIX)
        || url.queryParameterNames().stream().anyMatch(n -> n.contains(MARKER_PREFIX))) {
      throw settings.error(key, "may have placeholders only in path segments and query values, "
          + "never in the scheme, user info, host, port, fragment or a query parameter name");
    }
    return new UrlTemplate(url, used);
  }

  /** The keys of the placeholders this template uses. */
  Set<String> keys() {
    return placeholders.stream().map(Placeholder::key).collect(Collectors.toSet());
  }

  /**
   * The input's values for every placeholder, keyed by placeholder key, or empty when one is missing or would make
   * a path segment {@code .} or {@code ..}.
   */
  Optional<Map<String, String>> valuesFrom(EnrichmentInput input) {
    Map<String, String> values = new TreeMap<>();
    for (Placeholder p : placeholders) {
      Optional<String> value = p.valueIn(input);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      values.put(p.key(), value.get());
    }
    boolean dotSegment = url.pathSegments().stream()
        .filter(s -> s.contains(MARKER_PREFIX))
        .map(s -> fill(s, values))
        .anyMatch(s -> s.equals(".") || s.equals(".."));
    return dotSegment ? Optional.empty() : Optional.of(values);
  }

  /** The URL with each placeholder replaced by its value from {@code values}, encoded for its place. */
  HttpUrl expand(Map<String, String> values) {
    HttpUrl.Builder expanded = url.newBuilder();
    List<String> segments = url.pathSegments();
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).contains(MARKER_PREFIX)) {
        expanded.setPathSegment(i, fill(segments.get(i), values));
      }
    }
    if (url.querySize() > 0) {
      expanded.query(null);
      for (int i = 0; i < url.querySize(); i++) {
        String value = url.queryParameterValue(i);
        expanded.addQueryParameter(url.queryParameterName(i), value == null ? null : fill(value, values));
      }
    }
    return expanded.build();
  }

  /** Replaces markers in one pass, so a value that happens to contain marker text stays as it is. */
  private String fill(String text, Map<String, String> values) {
    return MARKER.matcher(text).replaceAll(m -> {
      Placeholder p = Placeholder.values()[Integer.parseInt(m.group(1))];
      return Matcher.quoteReplacement(values.get(p.key()));
    });
  }

  private static String marker(Placeholder p) {
    return MARKER_PREFIX + p.ordinal() + "z";
  }
}
