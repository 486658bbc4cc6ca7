package org.leadgate.crm.generic.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The path and query of a request below the configured base URL, e.g. {@code /crm/v3/objects/contacts/{{crm.id}}}.
 * Placeholders stand only in path segments and query values, and each value is percent-encoded for its place, so lead
 * data can neither change the scheme, host or port nor add path segments or query parameters; a value that would make
 * a segment {@code .} or {@code ..} is refused.
 */
public final class PathTemplate {
  private final List<TextTemplate> segments;
  private final List<Map.Entry<String, TextTemplate>> query;

  PathTemplate(List<TextTemplate> segments, List<Map.Entry<String, TextTemplate>> query) {
    this.segments = List.copyOf(segments);
    this.query = List.copyOf(query);
  }

  /** Whether the path reads the lead. */
  public boolean dynamic() {
    return segments.stream().anyMatch(TextTemplate::dynamic) || query.stream().anyMatch(q -> q.getValue().dynamic());
  }

  /** The URL below {@code base} for this lead, or why there is none. */
  public Expansion expand(HttpUrl base, LeadView view) {
    HttpUrl.Builder url = base.newBuilder();
    for (TextTemplate segment : segments) {
      Optional<String> value = segment.text(view);
      if (value.isEmpty()) {
        return unfilled(segment);
      }
      if (value.get().equals(".") || value.get().equals("..")) {
        return new Expansion.Unfilled("the URL path would get a '" + value.get() + "' segment from "
            + segment.placeholders());
      }
      url.addPathSegment(value.get());
    }
    for (Map.Entry<String, TextTemplate> parameter : query) {
      Optional<String> value = parameter.getValue().text(view);
      if (value.isEmpty()) {
        return unfilled(parameter.getValue());
      }
      url.addQueryParameter(parameter.getKey(), value.get());
    }
    return new Expansion.Url(url.build());
  }

  private static Expansion unfilled(TextTemplate template) {
    return new Expansion.Unfilled("the URL needs " + template.placeholders() + ", which this lead does not have");
  }

  /** A built URL, or why the lead cannot give one. */
  public sealed interface Expansion {
    record Url(HttpUrl url) implements Expansion {}

    record Unfilled(String reason) implements Expansion {}
  }
}
