package org.leadgate.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.leadgate.http.Problem;

/** Reads an API request's body as one JSON object, answering 413 or 400 itself when it is not one. */
public final class JsonBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonBody() {}

  /**
   * The body as a JSON object, or empty after writing the problem (413 over {@code limit} bytes, 400 otherwise).
   *
   * @param shape what a valid body looks like, for the 400 message
   */
  public static Optional<JsonNode> object(HttpServletRequest request, HttpServletResponse response, int limit,
      String shape) throws IOException {
    Optional<byte[]> body = BoundedBody.read(request, limit);
    if (body.isEmpty()) {
      Responses.problem(response, Problem.of(413, "body-too-large", "Request too large",
          "the body is larger than " + limit + " bytes"));
      return Optional.empty();
    }
    JsonNode json;
    try {
      json = JSON.readTree(body.get());
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      Responses.problem(response, Problem.of(400, "malformed-body", "Malformed request", "send " + shape));
      return Optional.empty();
    }
    return Optional.of(json);
  }
}
