package org.leadgate.crm.generic.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Text with placeholders, such as {@code "{{fields.firstName}} {{fields.lastName}}"}. A template that is exactly one
 * placeholder gives the lead's value with its JSON type; otherwise each placeholder's value is written into the text,
 * a missing one as nothing, and the result is stripped. When every placeholder is missing, the value is missing.
 */
public final class TextTemplate {
  /** The text around the placeholders: one more entry than there are placeholders. */
  private final List<String> literals;
  private final List<Placeholder> placeholders;

  TextTemplate(List<String> literals, List<Placeholder> placeholders) {
    if (literals.size() != placeholders.size() + 1) {
      throw new IllegalArgumentException("literals must surround the placeholders");
    }
    this.literals = List.copyOf(literals);
    this.placeholders = List.copyOf(placeholders);
  }

  /** Whether the template reads the lead at all. */
  public boolean dynamic() {
    return !placeholders.isEmpty();
  }

  /** The value with its JSON type when the template is one placeholder, else as text; empty when missing. */
  Optional<JsonNode> value(LeadView view) {
    boolean single = placeholders.size() == 1 && literals.stream().allMatch(String::isEmpty);
    return single ? placeholders.get(0).resolve(view) : text(view).map(TextNode::valueOf);
  }

  /** The text, or empty when the template has placeholders and none of them finds a value. */
  public Optional<String> text(LeadView view) {
    if (!dynamic()) {
      return Optional.of(literals.get(0));
    }
    StringBuilder text = new StringBuilder(literals.get(0));
    boolean found = false;
    for (int i = 0; i < placeholders.size(); i++) {
      Optional<JsonNode> value = placeholders.get(i).resolve(view);
      found |= value.isPresent();
      value.ifPresent(node -> text.append(Placeholder.text(node)));
      text.append(literals.get(i + 1));
    }
    return found ? Optional.of(text.toString().strip()) : Optional.empty();
  }

  /** The placeholders as written, for messages: {@code {{fields.email}}, {{fields.phone}}}. */
  public String placeholders() {
    return placeholders.stream().map(Placeholder::source).collect(Collectors.joining(", "));
  }
}
