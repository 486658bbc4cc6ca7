package org.leadgate.crm.generic.inbound;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a webhook body as its items: the elements of a top-level array, or a single object. Strict: nesting deeper
 * than {@value #MAX_DEPTH} levels, duplicate keys and anything after the value are refused.
 */
final class JsonItems {
  static final int MAX_DEPTH = 20;
  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .build())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private JsonItems() {}

  /** What a body was read as. */
  sealed interface Parsed {}

  /** The items, in order. */
  record Items(List<JsonNode> items) implements Parsed {
    Items {
      items = List.copyOf(items);
    }
  }

  /** Not JSON, or not an object or array; {@code detail} says why without echoing the body. */
  record Malformed(String detail) implements Parsed {}

  static Parsed parse(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (StreamConstraintsException e) {
      return new Malformed("the JSON is nested more than " + MAX_DEPTH + " levels deep");
    } catch (IOException e) {
      return new Malformed("the body is not valid JSON (UTF-8)");
    }
    if (root == null || root.isMissingNode()) {
      return new Malformed("the body is empty");
    }
    if (root.isObject()) {
      return new Items(List.of(root));
    }
    if (!root.isArray()) {
      return new Malformed("the body must be a JSON object or an array of objects");
    }
    List<JsonNode> items = new ArrayList<>();
    root.forEach(items::add);
    return new Items(items);
  }
}
