package org.leadgate.spi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.leadgate.intake.Submission;

/**
 * One HTTP request to an {@link InboundHook}, read in full (within the web application's size limit).
 *
 * @param method the HTTP method, upper case
 * @param query the query parameters, in the order they came
 * @param headers header names in lower case to their first value
 * @param body the raw body
 * @param context where the request came from (client IP behind trusted proxies, User-Agent, Referer)
 */
public record HookRequest(String method, Map<String, List<String>> query, Map<String, String> headers, byte[] body,
    Submission.RequestContext context, Instant receivedAt) {
  public HookRequest {
    Objects.requireNonNull(method, "method");
    query = Map.copyOf(query);
    Map<String, String> lower = new TreeMap<>();
    headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
    headers = Map.copyOf(lower);
    body = body.clone();
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  public Optional<String> queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The media type of the body without parameters, lower case; empty when there is no Content-Type. */
  public String mediaType() {
    return header("content-type").map(type -> type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
  }
}
