package org.leadgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One section of the configuration tree that knows its own path, so that every error names the key.
 * Adapters and providers read their settings through it.
 */
public final class ConfigNode {
  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final JsonNode node;
  private final String path;

  ConfigNode(JsonNode node, String path) {
    this.node = node == null ? MissingNode.getInstance() : node;
    this.path = path;
  }

  /** A section at the given path, for tests and embedders. */
  public static ConfigNode of(JsonNode node, String path) {
    return new ConfigNode(node, path);
  }

  /** The dotted path of this section ({@code ""} for the root). */
  public String path() {
    return path;
  }

  /** The path of a key below this section. */
  public String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public boolean isPresent() {
    return !node.isMissingNode() && !node.isNull();
  }

  public boolean has(String key) {
    JsonNode child = node.get(key);
    return child != null && !child.isNull();
  }

  /** A child section; absent keys give an empty section whose reads use their defaults. */
  public ConfigNode section(String key) {
    JsonNode child = node.get(key);
    if (child != null && !child.isNull() && !child.isObject()) {
      throw error(key, "must be a mapping of keys to values");
    }
    return new ConfigNode(child, keyPath(key));
  }

  public ConfigException error(String key, String problem) {
    return new ConfigException(keyPath(key), problem);
  }

  /** Fails on any key not in {@code known}, listing the known ones: a typo must not be silently ignored. */
  public ConfigNode allowOnly(String... known) {
    if (!node.isObject()) {
      return this;
    }
    Set<String> allowed = new TreeSet<>(List.of(known));
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw error(name, "unknown key; known keys here: " + String.join(", ", allowed));
      }
    }
    return this;
  }

  public String string(String key) {
    return optionalString(key).orElseThrow(() -> error(key, "is required"));
  }

  public Optional<String> optionalString(String key) {
    JsonNode child = node.get(key);
    if (child == null || child.isNull()) {
      return Optional.empty();
    }
    if (!child.isValueNode()) {
      throw error(key, "must be a single value");
    }
    String text = child.asText().trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  public String string(String key, String defaultValue) {
    return optionalString(key).orElse(defaultValue);
  }

  public int integer(String key, int defaultValue, int min, int max) {
    Optional<String> text = optionalString(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(text.get());
    } catch (NumberFormatException e) {
      throw error(key, "must be a whole number but was '" + text.get() + "'");
    }
    if (value < min || value > max) {
      throw error(key, "must be between " + min + " and " + max + " but was " + value);
    }
    return value;
  }

  public boolean bool(String key, boolean defaultValue) {
    Optional<String> text = optionalString(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    return switch (text.get().toLowerCase()) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error(key, "must be true or false but was '" + text.get() + "'");
    };
  }

  /** A duration such as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 7d} or ISO-8601 {@code PT10S}. */
  public Duration duration(String key, Duration defaultValue) {
    Optional<String> text = optionalString(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    Duration value = parseDuration(text.get());
    if (value == null) {
      throw error(key, "must be a duration like 500ms, 10s, 5m, 2h, 7d or PT10S but was '" + text.get() + "'");
    }
    if (value.isNegative()) {
      throw error(key, "must not be negative");
    }
    return value;
  }

  private static Duration parseDuration(String text) {
    Matcher simple = SIMPLE_DURATION.matcher(text.trim());
    try {
      if (simple.matches()) {
        long amount = Long.parseLong(simple.group(1));
        return switch (simple.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      return Duration.parse(text.trim());
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  /** An absolute http or https URL. */
  public URI httpUrl(String key) {
    String text = string(key);
    try {
      URI uri = new URI(text);
      if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          || uri.getHost() == null) {
        throw error(key, "must be an absolute http or https URL but was '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw error(key, "is not a valid URL: " + e.getReason());
    }
  }

  /** A list of sections; an absent key gives an empty list. */
  public List<ConfigNode> list(String key) {
    JsonNode child = node.get(key);
    if (child == null || child.isNull()) {
      return List.of();
    }
    if (!child.isArray()) {
      throw error(key, "must be a list");
    }
    List<ConfigNode> items = new ArrayList<>();
    for (int i = 0; i < child.size(); i++) {
      items.add(new ConfigNode(child.get(i), keyPath(key) + "[" + i + "]"));
    }
    return items;
  }

  /** A list of plain strings; an absent key gives an empty list. */
  public List<String> stringList(String key) {
    List<String> values = new ArrayList<>();
    for (ConfigNode item : list(key)) {
      if (!item.node.isValueNode() || item.node.asText().isBlank()) {
        throw new ConfigException(item.path, "must be a non-empty text value");
      }
      values.add(item.node.asText().trim());
    }
    return values;
  }

  /** A mapping of names to plain strings, in file order; an absent key gives an empty map. */
  public Map<String, String> stringMap(String key) {
    ConfigNode section = section(key);
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : section.node.properties()) {
      if (!entry.getValue().isValueNode()) {
        throw section.error(entry.getKey(), "must be a single value");
      }
      values.put(entry.getKey(), entry.getValue().asText());
    }
    return values;
  }
}
