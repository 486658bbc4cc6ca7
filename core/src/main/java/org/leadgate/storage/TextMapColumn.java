package org.leadgate.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.Map;

/** A column holding a map of texts as JSON, NULL when it is empty (UTM parameters, gaps, event properties). */
public final class TextMapColumn {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TextMapColumn() {}

  /** The column value: JSON, or null for an empty map. */
  public static String write(Map<String, String> values) {
    if (values.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of texts always serialises", e);
    }
  }

  /** The map a column value holds; an empty one for NULL. */
  public static Map<String, String> read(String column) throws SQLException {
    if (column == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(column, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new SQLException("a stored map of texts is not JSON", e);
    }
  }
}
