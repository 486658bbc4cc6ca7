package org.leadgate.crm.generic.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON document whose string values may be placeholders, rendered once per lead. A value is <em>missing</em> when it
 * has placeholders and none of them finds anything in the lead; that holds for objects and arrays too (an email entry
 * {@code {"value": "{{fields.email}}", "primary": true}} of a lead without email is missing as a whole). Missing array
 * elements are dropped; missing object properties are left out or sent as {@code null}, as {@link Missing} says. The
 * document itself is never missing: at worst it renders as an empty object or array.
 */
public final class JsonTemplate {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Node root;
  private final Missing missing;

  JsonTemplate(Node root, Missing missing) {
    this.root = root;
    this.missing = missing;
  }

  /** The document for this lead. */
  public JsonNode render(LeadView view) {
    return root.render(view, missing).orElseGet(() -> root instanceof Obj ? JSON.objectNode()
        : root instanceof Arr ? JSON.arrayNode() : NullNode.getInstance());
  }

  /** A part of a template: a literal, a placeholder text, an inserted named part, an object or an array. */
  sealed interface Node {
    /** Whether the node reads the lead. */
    boolean dynamic();

    /** The rendered node, or empty when it is missing. */
    Optional<JsonNode> render(LeadView view, Missing missing);
  }

  record Literal(JsonNode value) implements Node {
    @Override
    public boolean dynamic() {
      return false;
    }

    @Override
    public Optional<JsonNode> render(LeadView view, Missing missing) {
      return Optional.of(value.deepCopy());
    }
  }

  record Value(TextTemplate text) implements Node {
    @Override
    public boolean dynamic() {
      return true;
    }

    @Override
    public Optional<JsonNode> render(LeadView view, Missing missing) {
      return text.value(view).map(JsonNode::deepCopy);
    }
  }

  /** A named part ({@code "{{parts.properties}}"}), rendered with the including template's missing policy. */
  record Part(JsonTemplate part) implements Node {
    @Override
    public boolean dynamic() {
      return part.root.dynamic();
    }

    @Override
    public Optional<JsonNode> render(LeadView view, Missing missing) {
      return part.root.render(view, missing);
    }
  }

  record Obj(Map<String, Node> properties) implements Node {
    Obj {
      properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    @Override
    public boolean dynamic() {
      return properties.values().stream().anyMatch(Node::dynamic);
    }

    @Override
    public Optional<JsonNode> render(LeadView view, Missing missing) {
      ObjectNode out = JSON.objectNode();
      boolean found = false;
      for (Map.Entry<String, Node> property : properties.entrySet()) {
        Optional<JsonNode> value = property.getValue().render(view, missing);
        if (value.isPresent()) {
          out.set(property.getKey(), value.get());
          found |= property.getValue().dynamic();
        } else if (missing == Missing.NULL) {
          out.putNull(property.getKey());
        }
      }
      return found || !dynamic() ? Optional.of(out) : Optional.empty();
    }
  }

  record Arr(List<Node> elements) implements Node {
    Arr {
      elements = List.copyOf(elements);
    }

    @Override
    public boolean dynamic() {
      return elements.stream().anyMatch(Node::dynamic);
    }

    @Override
    public Optional<JsonNode> render(LeadView view, Missing missing) {
      ArrayNode out = JSON.arrayNode();
      boolean found = false;
      for (Node element : elements) {
        Optional<JsonNode> value = element.render(view, missing);
        if (value.isPresent()) {
          out.add(value.get());
          found |= element.dynamic();
        }
      }
      return found || !dynamic() ? Optional.of(out) : Optional.empty();
    }
  }
}
