package org.leadgate.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Provenance;
import org.leadgate.quality.Flag;

/** Stores a lead's fields with their provenance (and quality notes) as one JSON column. */
public final class FieldsCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FieldsCodec() {}

  public static String encode(Map<String, FieldValue> fields) {
    ObjectNode root = JSON.createObjectNode();
    fields.forEach((name, field) -> {
      ObjectNode stored = root.putObject(name)
          .put("value", field.value())
          .put("source", field.provenance().source().name())
          .put("origin", field.provenance().origin())
          .put("at", field.provenance().at().toString());
      if (field.provenance().confidence() < 1) {
        stored.put("confidence", field.provenance().confidence());
      }
      field.typed().ifPresent(typed -> stored.put("typed", typed));
      if (!field.flags().isEmpty()) {
        ArrayNode flags = stored.putArray("flags");
        field.flags().forEach(flag -> flags.addObject().put("code", flag.code()).put("reason", flag.reason()));
      }
    });
    return root.toString();
  }

  public static Map<String, FieldValue> decode(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored lead fields are not JSON", e);
    }
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      JsonNode field = entry.getValue();
      List<Flag> flags = new ArrayList<>();
      field.path("flags").forEach(flag -> flags.add(new Flag(flag.get("code").asText(), flag.get("reason").asText())));
      fields.put(entry.getKey(), new FieldValue(
          field.get("value").asText(),
          new Provenance(
              Provenance.Source.valueOf(field.get("source").asText()),
              field.get("origin").asText(),
              Instant.parse(field.get("at").asText()),
              field.path("confidence").asDouble(1.0)),
          field.has("typed") ? Optional.of(field.get("typed").asText()) : Optional.empty(),
          flags));
    }
    return fields;
  }
}
