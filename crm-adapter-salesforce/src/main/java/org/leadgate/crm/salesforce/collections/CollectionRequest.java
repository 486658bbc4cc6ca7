package org.leadgate.crm.salesforce.collections;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One sObject Collections request: an upsert of one object type by an external id field
 * ({@code PATCH composite/sobjects/<Object>/<field>}, records carry the key) or an update by Salesforce id
 * ({@code PATCH composite/sobjects}, records carry {@code Id}). Any number of records; the writer cuts them into
 * calls of at most 200.
 */
public record CollectionRequest(String operation, String path, List<ObjectNode> records) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public CollectionRequest {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(path, "path");
    records = List.copyOf(records);
  }

  public static CollectionRequest upsert(String sobject, String externalIdField, List<ObjectNode> records) {
    return new CollectionRequest("upsert", "composite/sobjects/" + sobject + "/" + externalIdField, records);
  }

  public static CollectionRequest update(List<ObjectNode> records) {
    return new CollectionRequest("update", "composite/sobjects", records);
  }

  CollectionRequest withRecords(List<ObjectNode> part) {
    return new CollectionRequest(operation, path, part);
  }

  /** {@code {"allOrNone": false, "records": [...]}}. */
  ObjectNode body() {
    ObjectNode body = MAPPER.createObjectNode().put("allOrNone", false);
    body.putArray("records").addAll(records);
    return body;
  }

  /** A record of {@code type} with these values ({@code String}, {@code Boolean}, {@code Integer} or null). */
  public static ObjectNode record(String type, Map<String, ?> values) {
    ObjectNode record = MAPPER.createObjectNode();
    record.putObject("attributes").put("type", type);
    values.forEach((field, value) -> record.set(field, MAPPER.valueToTree(value)));
    return record;
  }
}
