package org.leadgate.intake;

import java.util.List;
import java.util.Map;

/** What {@link SubmissionParser} made of a request body. */
public sealed interface ParsedBody {

  /** The body held form values; {@code text} is the body as text, kept as evidence. */
  record Values(Map<String, List<String>> values, String text) implements ParsedBody {
    public Values {
      values = Map.copyOf(values);
    }
  }

  /** The content type is not one a form can be posted as (answered 415). */
  record Unsupported(String contentType) implements ParsedBody {}

  /** The body does not match its content type (answered 400). */
  record Malformed(String reason) implements ParsedBody {}
}
