package org.leadgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in every text value of the tree with environment values,
 * so that secrets live in the environment, not in the file. {@code $${...}} stays literal.
 */
final class EnvSubstitution {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$(\\$?)\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Function<String, String> environment;

  EnvSubstitution(Function<String, String> environment) {
    this.environment = environment;
  }

  void apply(JsonNode node, String path) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> entry : object.properties()) {
        String childPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
        if (entry.getValue().isTextual()) {
          entry.setValue(TextNode.valueOf(substitute(entry.getValue().asText(), childPath)));
        } else {
          apply(entry.getValue(), childPath);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String childPath = path + "[" + i + "]";
        if (array.get(i).isTextual()) {
          array.set(i, TextNode.valueOf(substitute(array.get(i).asText(), childPath)));
        } else {
          apply(array.get(i), childPath);
        }
      }
    }
  }

  private String substitute(String text, String path) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (!matcher.group(1).isEmpty()) {
        replacement = matcher.group().substring(1);
      } else {
        String value = environment.apply(matcher.group(2));
        if (value == null || value.isEmpty()) {
          value = matcher.group(3);
        }
        if (value == null) {
          throw new ConfigException(path,
              "refers to environment variable " + matcher.group(2) + ", which is not set (use ${"
                  + matcher.group(2) + ":-default} for an optional value)");
        }
        replacement = value;
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return result.toString();
  }
}
