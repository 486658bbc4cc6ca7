package org.leadgate.crm.salesforce.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * One Salesforce error object: a whole-call error ({@code errorCode}) or a record error in a collection
 * ({@code statusCode}), with the duplicate rule's matches when the code is {@code DUPLICATES_DETECTED}.
 *
 * @param duplicateIds the matched records' ids, most confident first
 * @param duplicateSaveAllowed whether the duplicate rule lets the save through with {@code allowSave=true}
 */
public record SalesforceError(String code, String message, List<String> fields, List<String> duplicateIds,
    Optional<Boolean> duplicateSaveAllowed) {
  public static final String DUPLICATES_DETECTED = "DUPLICATES_DETECTED";

  public SalesforceError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    fields = List.copyOf(fields);
    duplicateIds = List.copyOf(duplicateIds);
    Objects.requireNonNull(duplicateSaveAllowed, "duplicateSaveAllowed");
  }

  public SalesforceError(String code, String message) {
    this(code, message, List.of(), List.of(), Optional.empty());
  }

  public boolean isDuplicate() {
    return DUPLICATES_DETECTED.equals(code);
  }

  /** {@code CODE: message (fields: A, B)}, plus the matched ids of a duplicate. */
  public String describe() {
    String text = code + ": " + message;
    if (!fields.isEmpty()) {
      text += " (fields: " + String.join(", ", fields) + ")";
    }
    if (!duplicateIds.isEmpty()) {
      text += " (matches: " + String.join(", ", duplicateIds) + ")";
    }
    return text;
  }

  /** The error objects of a JSON array; an empty list for anything else. */
  public static List<SalesforceError> listFrom(JsonNode array) {
    if (!array.isArray()) {
      return List.of();
    }
    List<SalesforceError> errors = new ArrayList<>();
    array.forEach(node -> errors.add(from(node)));
    return errors;
  }

  static SalesforceError from(JsonNode node) {
    String code = node.hasNonNull("errorCode") ? node.path("errorCode").asText() : node.path("statusCode").asText("UNKNOWN");
    List<String> fields = new ArrayList<>();
    node.path("fields").forEach(field -> fields.add(field.asText()));
    JsonNode duplicate = node.path("duplicateResult");
    return new SalesforceError(code, node.path("message").asText(""), fields, matchIds(duplicate),
        duplicate.has("allowSave") ? Optional.of(duplicate.path("allowSave").asBoolean()) : Optional.empty());
  }

  private record Match(String id, double confidence) {}

  private static List<String> matchIds(JsonNode duplicate) {
    return StreamSupport.stream(duplicate.path("matchResults").spliterator(), false)
        .flatMap(result -> StreamSupport.stream(result.path("matchRecords").spliterator(), false))
        .map(match -> new Match(match.path("record").path("Id").asText(""), match.path("matchConfidence").asDouble()))
        .filter(match -> !match.id().isEmpty())
        .sorted(Comparator.comparingDouble(Match::confidence).reversed())
        .map(Match::id)
        .distinct()
        .toList();
  }
}
