package org.leadgate.lead;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A person or company that showed interest, as LeadGate knows it: an id, the form it came through, and its
 * fields, each with provenance. Immutable; change it through {@link #withField}.
 */
public record Lead(String id, String formId, Instant receivedAt, Map<String, FieldValue> fields) {
  public Lead {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(formId, "formId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public Optional<String> value(String field) {
    return Optional.ofNullable(fields.get(field)).map(FieldValue::value);
  }

  /** A copy with one field set or replaced. */
  public Lead withField(String field, FieldValue value) {
    Map<String, FieldValue> copy = new LinkedHashMap<>(fields);
    copy.put(field, value);
    return new Lead(id, formId, receivedAt, copy);
  }
}
