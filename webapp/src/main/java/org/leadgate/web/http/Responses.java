package org.leadgate.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.leadgate.http.Problem;

/** Writes JSON bodies, RFC 9457 problems and HTML pages. */
public final class Responses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Responses() {}

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  public static ArrayNode array() {
    return JSON.createArrayNode();
  }

  /** A JSON tree of plain values (maps, lists, strings, numbers, booleans). */
  public static com.fasterxml.jackson.databind.JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  public static void json(HttpServletResponse response, int status, Object body) throws IOException {
    write(response, status, "application/json", JSON.writeValueAsBytes(body));
  }

  /** 503 with {@code Retry-After: 5}: storage could not be reached, so nothing was done; {@code detail} says what. */
  public static void storageUnavailable(HttpServletResponse response, String detail) throws IOException {
    response.setHeader("Retry-After", "5");
    problem(response, Problem.of(503, "storage-unavailable", "Try again shortly", detail));
  }

  public static void problem(HttpServletResponse response, Problem problem) throws IOException {
    write(response, problem.status(), Problem.MEDIA_TYPE, problem.json());
  }

  public static void html(HttpServletResponse response, int status, String page) throws IOException {
    write(response, status, "text/html;charset=UTF-8", page.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(HttpServletResponse response, int status, String contentType, byte[] body)
      throws IOException {
    response.setStatus(status);
    response.setContentType(contentType);
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
