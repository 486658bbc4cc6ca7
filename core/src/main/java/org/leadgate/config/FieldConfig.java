package org.leadgate.config;

import java.util.regex.Pattern;

/** One field of a form as configured. */
public record FieldConfig(String name, String label, FieldType type, boolean required, int maxLength) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  static FieldConfig from(ConfigNode node) {
    node.allowOnly("name", "label", "type", "required", "maxLength");
    String name = node.string("name");
    if (!NAME.matcher(name).matches()) {
      throw node.error("name", "must start with a letter and hold only letters, digits and '_' (at most 64) but was '"
          + name + "'");
    }
    FieldType type = FieldType.parse(node.string("type", "text"), node, "type");
    int defaultLength = type == FieldType.TEXTAREA ? 4000 : type == FieldType.EMAIL ? 254 : 255;
    return new FieldConfig(
        name,
        node.string("label", name),
        type,
        node.bool("required", false),
        node.integer("maxLength", defaultLength, 1, 20_000));
  }
}
