package org.leadgate.crm.generic.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code {{path}}} or {@code {{path | map}}} in a template: a lead value, optionally looked up in a value map
 * (a table from the configuration, such as funnel stage to CRM lifecycle stage).
 *
 * @param source the placeholder as written, for messages
 * @param map the value map, when one is named
 */
record Placeholder(String source, LeadPath path, Optional<Map<String, String>> map) {
  Placeholder {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(map, "map");
  }

  /**
   * The lead's value, typed as in the lead JSON (a score stays a number, a permission a boolean); empty when the lead
   * has none, when it is blank text, or when the value map has no entry for it.
   */
  Optional<JsonNode> resolve(LeadView view) {
    JsonNode node = path.in(view);
    if (node.isMissingNode() || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
      return Optional.empty();
    }
    if (map.isEmpty()) {
      return Optional.of(node);
    }
    return node.isValueNode()
        ? Optional.ofNullable(map.get().get(node.asText())).map(TextNode::valueOf)
        : Optional.empty();
  }

  /** A resolved value as text: scalars as they read, objects and arrays as compact JSON. */
  static String text(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
