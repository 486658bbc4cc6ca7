package org.leadgate.crm.generic.template;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses templates and checks every placeholder at startup: a path outside the lead vocabulary, an unknown value map
 * or part, a {@code {{items}}} outside a batch body or bad JSON is an {@link IllegalArgumentException} whose message
 * names the placeholder and where it stands. Placeholder syntax: {@code {{path}}}, {@code {{path | map}}} (a value map
 * lookup), {@code {{parts.<name>}}} (a named JSON part, alone as a JSON value) and {@code {{items}}} (the items of a
 * batch, alone as a JSON value in the batch body).
 */
public final class TemplateParser {
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");
  private static final Pattern WHOLE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
  private static final String ITEMS = "items";
  private static final String PARTS = "parts.";

  private final Map<String, Map<String, String>> valueMaps;
  private final Map<String, JsonTemplate> parts;
  private final Missing missing;

  /**
   * @param valueMaps named tables that {@code {{path | name}}} looks values up in
   * @param missing what JSON templates do with properties the lead has no value for
   */
  public TemplateParser(Map<String, Map<String, String>> valueMaps, Missing missing) {
    this(valueMaps, Map.of(), missing);
  }

  private TemplateParser(Map<String, Map<String, String>> valueMaps, Map<String, JsonTemplate> parts, Missing missing) {
    this.valueMaps = Collections.unmodifiableMap(new TreeMap<>(valueMaps));
    this.parts = Collections.unmodifiableMap(new TreeMap<>(parts));
    this.missing = missing;
  }

  /** A parser that also knows these named parts; parts themselves cannot include parts. */
  public TemplateParser withParts(Map<String, JsonTemplate> named) {
    return new TemplateParser(valueMaps, named, missing);
  }

  /** A JSON template rendered per lead (a create or update body, a batch item, a part). */
  public JsonTemplate json(String text) {
    return new JsonTemplate(node(readJson(text), ""), missing);
  }

  /** A batch body: fixed JSON with exactly one {@code "{{items}}"} value and no lead values. */
  public BatchBody batchBody(String text) {
    JsonNode body = readJson(text);
    List<String> items = new ArrayList<>();
    collectBatchPlaceholders(body, "", items);
    if (items.size() != 1) {
      throw new IllegalArgumentException("must hold \"{{items}}\" exactly once as a JSON value, where the array of the "
          + "leads' items goes, but has it " + items.size() + " times");
    }
    return new BatchBody(body, JsonPointer.compile(items.get(0)));
  }

  /** Text rendered per lead, such as a header value. */
  public TextTemplate text(String text) {
    List<String> literals = new ArrayList<>();
    List<Placeholder> placeholders = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int end = 0;
    while (m.find()) {
      literals.add(text.substring(end, m.start()));
      placeholders.add(placeholder(m.group(1).trim()));
      end = m.end();
    }
    String tail = text.substring(end);
    if (tail.contains("{{")) {
      throw new IllegalArgumentException("has a '{{' that no '}}' closes");
    }
    literals.add(tail);
    return new TextTemplate(literals, placeholders);
  }

  /**
   * A path and query ({@code /objects/{{crm.id}}?mode=upsert}) below the base URL; placeholders only in path segments
   * and query values. An empty text is the base URL itself.
   */
  public PathTemplate path(String text) {
    if (text.contains("#")) {
      throw new IllegalArgumentException("must not have a fragment (#)");
    }
    if (!text.isEmpty() && !text.startsWith("/")) {
      throw new IllegalArgumentException("must start with '/' (it is appended to the base URL)");
    }
    int question = text.indexOf('?');
    String path = question < 0 ? text : text.substring(0, question);
    List<TextTemplate> segments = new ArrayList<>();
    String[] raw = path.isEmpty() ? new String[0] : path.substring(1).split("/", -1);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i].isEmpty() && i < raw.length - 1) {
        throw new IllegalArgumentException("has an empty path segment (//)");
      }
      segments.add(text(raw[i]));
    }
    List<Map.Entry<String, TextTemplate>> query = new ArrayList<>();
    if (question >= 0) {
      for (String parameter : text.substring(question + 1).split("&")) {
        int equals = parameter.indexOf('=');
        String name = equals < 0 ? parameter : parameter.substring(0, equals);
        if (name.isEmpty() || name.contains("{{")) {
          throw new IllegalArgumentException("query parameter names must be fixed text, not empty or placeholders");
        }
        query.add(new AbstractMap.SimpleImmutableEntry<>(name, text(equals < 0 ? "" : parameter.substring(equals + 1))));
      }
    }
    return new PathTemplate(segments, query);
  }

  private JsonTemplate.Node node(JsonNode json, String at) {
    if (json.isObject()) {
      Map<String, JsonTemplate.Node> properties = new LinkedHashMap<>();
      json.properties().forEach(p -> properties.put(p.getKey(), node(p.getValue(), at + "/" + escape(p.getKey()))));
      return new JsonTemplate.Obj(properties);
    }
    if (json.isArray()) {
      List<JsonTemplate.Node> elements = new ArrayList<>();
      for (int i = 0; i < json.size(); i++) {
        elements.add(node(json.get(i), at + "/" + i));
      }
      return new JsonTemplate.Arr(elements);
    }
    if (!json.isTextual()) {
      return new JsonTemplate.Literal(json);
    }
    try {
      Optional<JsonTemplate> part = part(json.textValue());
      if (part.isPresent()) {
        return new JsonTemplate.Part(part.get());
      }
      TextTemplate text = text(json.textValue());
      return text.dynamic() ? new JsonTemplate.Value(text) : new JsonTemplate.Literal(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("at " + where(at) + ": " + e.getMessage(), e);
    }
  }

  /** The named part a whole string value {@code "{{parts.<name>}}"} inserts. */
  private Optional<JsonTemplate> part(String text) {
    Matcher whole = WHOLE.matcher(text);
    if (!whole.matches() || !whole.group(1).startsWith(PARTS)) {
      return Optional.empty();
    }
    String name = whole.group(1).substring(PARTS.length());
    JsonTemplate part = parts.get(name);
    if (part == null) {
      throw new IllegalArgumentException("{{" + whole.group(1) + "}} names no part" + known(" defined", parts.keySet()));
    }
    return Optional.of(part);
  }

  private Placeholder placeholder(String inner) {
    String[] pieces = inner.split("\\|", -1);
    String path = pieces[0].trim();
    if (path.equals(ITEMS)) {
      throw new IllegalArgumentException("{{items}} belongs only in batch.body, alone as a JSON value");
    }
    if (path.startsWith(PARTS)) {
      throw new IllegalArgumentException("{{" + inner + "}} must stand alone as a JSON value");
    }
    if (pieces.length > 2) {
      throw new IllegalArgumentException("{{" + inner + "}} has more than one '|'");
    }
    LeadPath leadPath = LeadPath.parse(path);
    if (pieces.length == 1) {
      return new Placeholder("{{" + inner + "}}", leadPath, Optional.empty());
    }
    String mapName = pieces[1].trim();
    Map<String, String> map = valueMaps.get(mapName);
    if (map == null) {
      throw new IllegalArgumentException("{{" + inner + "}} names no value map '" + mapName + "'"
          + known(" defined under values", valueMaps.keySet()));
    }
    return new Placeholder("{{" + inner + "}}", leadPath, Optional.of(map));
  }

  private static void collectBatchPlaceholders(JsonNode json, String at, List<String> items) {
    if (json.isContainerNode()) {
      if (json.isObject()) {
        json.properties().forEach(p -> collectBatchPlaceholders(p.getValue(), at + "/" + escape(p.getKey()), items));
      } else {
        for (int i = 0; i < json.size(); i++) {
          collectBatchPlaceholders(json.get(i), at + "/" + i, items);
        }
      }
      return;
    }
    if (!json.isTextual() || !json.textValue().contains("{{")) {
      return;
    }
    Matcher whole = WHOLE.matcher(json.textValue());
    if (!whole.matches() || !whole.group(1).equals(ITEMS)) {
      throw new IllegalArgumentException("at " + where(at) + ": a batch body holds only "
          + "\"{{items}}\"; lead values belong in batch.item");
    }
    items.add(at);
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException("is not valid JSON: " + e.getOriginalMessage()
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
  }

  private static String escape(String property) {
    return property.replace("~", "~0").replace("/", "~1");
  }

  /** Where in the JSON a value is: its JSON pointer, or "the top". */
  private static String where(String pointer) {
    return pointer.isEmpty() ? "the top" : pointer;
  }

  private static String known(String what, Set<String> names) {
    return names.isEmpty() ? " (none are" + what + ")" : ";" + what + ": " + String.join(", ", names);
  }
}
