package org.leadgate.crm.salesforce.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lead as Salesforce Lead field values. Values are {@code String}, {@code Boolean}, {@code Integer} or
 * {@code null} (clear the field).
 *
 * @param fields the values from the lead, written on every save
 * @param defaults values for required fields the lead has none for, written only when a record may be created
 *     (an update keeps the record's own values)
 * @param truncations values cut to their field length
 */
public record MappedLead(Map<String, Object> fields, Map<String, Object> defaults, List<Truncation> truncations) {
  public MappedLead {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    truncations = List.copyOf(truncations);
  }

  /** The values for an upsert, which may create the record: defaults first, then the lead's own. */
  public Map<String, Object> forCreate() {
    Map<String, Object> values = new LinkedHashMap<>(defaults);
    values.putAll(fields);
    return values;
  }

  /** A text value the lead has (defaults included), such as {@code Email} for its contact point. */
  public Optional<String> text(String field) {
    Object value = forCreate().get(field);
    return value instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
  }
}
