package org.leadgate.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.leadgate.pipeline.FieldProblem;

/**
 * An RFC 9457 problem detail, as every API of the gateway answers one (servlets and inbound hooks): {@code type}
 * names the kind of problem (documented in the README), {@code errors} lists the fields at fault, if any.
 */
public record Problem(String type, String title, int status, String detail, List<FieldProblem> errors) {
  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://leadgate.org/problems/";
  private static final ObjectMapper JSON = new ObjectMapper();

  public Problem {
    errors = List.copyOf(errors);
  }

  public static Problem of(int status, String slug, String title, String detail) {
    return of(status, slug, title, detail, List.of());
  }

  public static Problem of(int status, String slug, String title, String detail, List<FieldProblem> errors) {
    return new Problem(TYPE_BASE + slug, title, status, detail, errors);
  }

  public static Problem invalidFields(List<FieldProblem> errors) {
    return of(400, "invalid-fields", "Some fields are missing or invalid",
        errors.size() + (errors.size() == 1 ? " field needs" : " fields need") + " attention", errors);
  }

  /** The {@value #MEDIA_TYPE} body; no input values are echoed beyond what the fields say. */
  public byte[] json() {
    ObjectNode body = JSON.createObjectNode()
        .put("type", type)
        .put("title", title)
        .put("status", status)
        .put("detail", detail);
    if (!errors.isEmpty()) {
      ArrayNode list = body.putArray("errors");
      errors.forEach(error -> list.addObject().put("field", error.field()).put("reason", error.reason()));
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a problem", e);
    }
  }
}
