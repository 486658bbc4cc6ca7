package org.leadgate.spi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.leadgate.pipeline.FieldProblem;

/**
 * What an {@link InboundHook} answers.
 *
 * @param headers extra response headers, such as {@code Location}
 */
public record HookResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /**
   * An RFC 9457 problem in the shape of the gateway's other APIs: {@code type} is
   * {@code https://leadgate.org/problems/<slug>}, {@code errors} lists the fields at fault with reasons. No input
   * values are echoed.
   */
  public static HookResponse problem(int status, String slug, String title, String detail, List<FieldProblem> errors) {
    ObjectNode json = JSON.createObjectNode().put("type", "https://leadgate.org/problems/" + slug)
        .put("title", title).put("status", status).put("detail", detail);
    if (!errors.isEmpty()) {
      ArrayNode list = json.putArray("errors");
      errors.forEach(error -> list.addObject().put("field", error.field()).put("reason", error.reason()));
    }
    return new HookResponse(status, "application/problem+json", json.toString().getBytes(StandardCharsets.UTF_8),
        Map.of());
  }

  /** A 303 See Other to {@code location}, which the hook has checked is a permitted target. */
  public static HookResponse redirect(String location) {
    return new HookResponse(303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
  }
}
