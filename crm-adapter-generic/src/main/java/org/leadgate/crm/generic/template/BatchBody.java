package org.leadgate.crm.generic.template;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The body of a batch request: fixed JSON with one {@code "{{items}}"} that stands for the array of the leads' items
 * (each rendered from the batch's item template), e.g. {@code {"inputs": "{{items}}"}}.
 */
public final class BatchBody {
  private final JsonNode body;
  /** Where the items array goes; empty when the body is the array itself. */
  private final JsonPointer items;

  BatchBody(JsonNode body, JsonPointer items) {
    this.body = body;
    this.items = items;
  }

  /** The body with the items in place, in order. */
  public JsonNode render(List<JsonNode> renderedItems) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode().addAll(renderedItems);
    if (items.matches()) {
      return array;
    }
    JsonNode copy = body.deepCopy();
    JsonNode parent = copy.at(items.head());
    if (parent instanceof ObjectNode object) {
      object.set(items.last().getMatchingProperty(), array);
    } else {
      ((ArrayNode) parent).set(items.last().getMatchingIndex(), array);
    }
    return copy;
  }
}
