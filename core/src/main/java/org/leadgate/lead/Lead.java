package org.leadgate.lead;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.leadgate.consent.Permissions;
import org.leadgate.scoring.LeadScore;

/**
 * A person or company that showed interest, as LeadGate knows it: an id, the form it came through, its fields
 * (each with provenance) and, once known, what consent permits and its score and stage. Immutable; change it
 * through {@link #withField}, {@link #withPermissions} and {@link #withScore}.
 */
public record Lead(String id, String formId, Instant receivedAt, Map<String, FieldValue> fields,
    Permissions permissions, Optional<LeadScore> score) {
  public Lead {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(formId, "formId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    Objects.requireNonNull(permissions, "permissions");
    Objects.requireNonNull(score, "score");
  }

  /** A lead not scored yet. */
  public Lead(String id, String formId, Instant receivedAt, Map<String, FieldValue> fields,
      Permissions permissions) {
    this(id, formId, receivedAt, fields, permissions, Optional.empty());
  }

  /** A lead whose consent has not been looked at yet. */
  public Lead(String id, String formId, Instant receivedAt, Map<String, FieldValue> fields) {
    this(id, formId, receivedAt, fields, Permissions.NONE);
  }

  public Lead withPermissions(Permissions granted) {
    return new Lead(id, formId, receivedAt, fields, granted, score);
  }

  public Lead withScore(LeadScore scored) {
    return new Lead(id, formId, receivedAt, fields, permissions, Optional.of(scored));
  }

  public Optional<String> value(String field) {
    return Optional.ofNullable(fields.get(field)).map(FieldValue::value);
  }

  /** A copy with one field set or replaced. */
  public Lead withField(String field, FieldValue value) {
    Map<String, FieldValue> copy = new LinkedHashMap<>(fields);
    copy.put(field, value);
    return new Lead(id, formId, receivedAt, copy, permissions, score);
  }
}
