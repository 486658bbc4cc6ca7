package org.leadgate.spi;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.leadgate.http.Problem;

/**
 * What an {@link InboundHook} answers.
 *
 * @param headers extra response headers, such as {@code Location}
 */
public record HookResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
  public HookResponse {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("not a final HTTP status: " + status);
    }
    Objects.requireNonNull(contentType, "contentType");
    body = body.clone();
    headers = Map.copyOf(headers);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** A text answer in UTF-8, for example {@code text/xml} for a SOAP acknowledgement. */
  public static HookResponse text(int status, String contentType, String body) {
    return new HookResponse(status, contentType + "; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** An RFC 9457 problem, in the shape of the gateway's other APIs. */
  public static HookResponse problem(Problem problem) {
    return new HookResponse(problem.status(), Problem.MEDIA_TYPE, problem.json(), Map.of());
  }

  /** A 303 See Other to {@code location}, which the hook has checked is a permitted target. */
  public static HookResponse redirect(String location) {
    return new HookResponse(303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
  }
}
