package org.leadgate.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A form post as it arrived: the raw body (kept as evidence) and the values parsed from it.
 *
 * @param values field name to the values posted under it, in the order they came
 * @param idempotencyKey from the {@code Idempotency-Key} header or the hidden form token
 */
public record Submission(
    String formId,
    Instant receivedAt,
    String contentType,
    String body,
    Map<String, List<String>> values,
    Optional<String> idempotencyKey) {

  /** The hidden form field that carries an idempotency token for browsers, which cannot set headers. */
  public static final String TOKEN_FIELD = "_idempotency_key";

  public Submission {
    Objects.requireNonNull(formId, "formId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    values = Map.copyOf(values);
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }

  /** The first value posted under {@code field}, if any. */
  public Optional<String> first(String field) {
    List<String> posted = values.get(field);
    return posted == null || posted.isEmpty() ? Optional.empty() : Optional.of(posted.get(0));
  }
}
