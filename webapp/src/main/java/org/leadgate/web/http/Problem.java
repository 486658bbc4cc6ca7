package org.leadgate.web.http;

import java.util.List;
import org.leadgate.pipeline.FieldProblem;

/**
 * An RFC 9457 problem detail: {@code type} names the kind of problem (documented in the README), {@code errors}
 * lists the fields at fault, if any.
 */
public record Problem(String type, String title, int status, String detail, List<FieldProblem> errors) {
  private static final String TYPE_BASE = "https://leadgate.org/problems/";

  public Problem {
    errors = List.copyOf(errors);
  }

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(TYPE_BASE + slug, title, status, detail, List.of());
  }

  public static Problem invalidFields(List<FieldProblem> errors) {
    return new Problem(TYPE_BASE + "invalid-fields", "Some fields are missing or invalid", 400,
        errors.size() + (errors.size() == 1 ? " field needs" : " fields need") + " attention", errors);
  }
}
