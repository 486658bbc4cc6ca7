package org.leadgate.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a form field holds, which decides its input widget and its basic syntax check. */
public enum FieldType {
  TEXT,
  TEXTAREA,
  EMAIL,
  PHONE,
  /** A calendar date, ISO-8601 ({@code 2008-05-31}), such as a birth date. */
  DATE,
  HIDDEN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static FieldType parse(String text, ConfigNode owner, String key) {
    for (FieldType type : values()) {
      if (type.id().equals(text)) {
        return type;
      }
    }
    throw owner.error(key, "unknown field type '" + text + "'; known types: "
        + Arrays.stream(values()).map(FieldType::id).collect(Collectors.joining(", ")));
  }
}
