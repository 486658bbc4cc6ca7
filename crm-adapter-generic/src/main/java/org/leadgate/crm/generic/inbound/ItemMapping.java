package org.leadgate.crm.generic.inbound;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.config.ConfigNode;
import org.leadgate.pipeline.FieldProblem;

/**
 * How an item of a source's JSON becomes a lead: lead field name to the JSON pointer of its value, optional pointers
 * to the CRM record id, to the time the record last changed and to a stable event id, and the {@link LoopGuard}s.
 * Values must be text, numbers or booleans (taken as their text); a missing or {@code null} value leaves the field
 * out.
 */
record ItemMapping(Map<String, JsonPointer> fields, Optional<JsonPointer> crmRecordId,
    Optional<JsonPointer> changedAt, Optional<JsonPointer> eventId, List<LoopGuard> loopGuards) {
  /** The longest CRM record id kept (the outbox column's size). */
  static final int MAX_RECORD_ID_LENGTH = 255;
  /** Unix times below this are seconds (up to the year 5138), from it on milliseconds (from 1973-03-03). */
  static final long SECONDS_BELOW = 100_000_000_000L;
  /** The longest event id: with {@code hook:<source>:} it must fit the idempotency key column. */
  static final int MAX_EVENT_ID_LENGTH = 160;

  ItemMapping {
    fields = Map.copyOf(fields);
    loopGuards = List.copyOf(loopGuards);
  }

  /** Reads {@code mapping}, {@code crmRecordId}, {@code changedAt}, {@code eventId} and {@code loopGuard}. */
  static ItemMapping from(ConfigNode source) {
    ConfigNode mapping = source.section("mapping");
    Map<String, JsonPointer> fields = new LinkedHashMap<>();
    for (String field : source.stringMap("mapping").keySet()) {
      fields.put(field, pointer(mapping, field));
    }
    if (fields.isEmpty()) {
      throw source.error("mapping", "is required: lead field name to a JSON pointer, e.g. email: /contact/email");
    }
    return new ItemMapping(fields, optionalPointer(source, "crmRecordId"), optionalPointer(source, "changedAt"),
        optionalPointer(source, "eventId"), LoopGuard.from(source));
  }

  /** A JSON pointer such as {@code /contact/email}. */
  static JsonPointer pointer(ConfigNode node, String key) {
    String text = node.string(key);
    if (!text.startsWith("/")) {
      throw node.error(key, "must be a JSON pointer starting with '/' but was '" + text + "'");
    }
    return JsonPointer.compile(text);
  }

  private static Optional<JsonPointer> optionalPointer(ConfigNode node, String key) {
    return node.has(key) ? Optional.of(pointer(node, key)) : Optional.empty();
  }

  /** Maps one item; {@code name} (for example {@code items[2]}) prefixes the fields of its problems. */
  MappedItem map(JsonNode item, String name) {
    if (!item.isObject()) {
      return new MappedItem.Unreadable(List.of(new FieldProblem(name, "must be a JSON object")));
    }
    for (int i = 0; i < loopGuards.size(); i++) {
      if (loopGuards.get(i).matches(item)) {
        return new MappedItem.Skipped("loopGuard[" + i + "]");
      }
    }
    List<FieldProblem> problems = new ArrayList<>();
    Map<String, List<String>> values = new LinkedHashMap<>();
    fields.forEach((field, pointer) ->
        value(item, pointer, name + "." + field, problems).ifPresent(value -> values.put(field, List.of(value))));
    Optional<String> recordId = recordIdOf(item, name, problems);
    Optional<Instant> changed = changedAtOf(item, name, problems);
    Optional<String> event = eventIdOf(item, name, problems);
    return problems.isEmpty()
        ? new MappedItem.Mapped(values, recordId, changed, event, item.toString())
        : new MappedItem.Unreadable(problems);
  }

  /** The CRM record id, if configured and the item has one (text or a number); none means a new record. */
  private Optional<String> recordIdOf(JsonNode item, String name, List<FieldProblem> problems) {
    if (crmRecordId.isEmpty()) {
      return Optional.empty();
    }
    JsonNode found = item.at(crmRecordId.get());
    if (found.isMissingNode() || found.isNull() || (found.isValueNode() && found.asText().isBlank())) {
      return Optional.empty();
    }
    if (!found.isValueNode() || found.asText().length() > MAX_RECORD_ID_LENGTH) {
      problems.add(new FieldProblem(name + ".crmRecordId", crmRecordId.get()
          + " must be the CRM record id: text or a number, at most " + MAX_RECORD_ID_LENGTH + " characters"));
      return Optional.empty();
    }
    return Optional.of(found.asText());
  }

  /**
   * When the CRM record last changed, if configured and the item has it: ISO 8601 text, with an offset
   * ({@code 2026-03-14T09:26:53Z}) or without one as UTC ({@code 2026-03-14 09:26:53}, as Pipedrive sends), or Unix
   * time as a whole number: milliseconds (as HubSpot sends), or seconds when below {@value #SECONDS_BELOW}.
   */
  private Optional<Instant> changedAtOf(JsonNode item, String name, List<FieldProblem> problems) {
    if (changedAt.isEmpty()) {
      return Optional.empty();
    }
    JsonNode found = item.at(changedAt.get());
    if (found.isMissingNode() || found.isNull()) {
      return Optional.empty();
    }
    Optional<Instant> time = found.isTextual() ? isoTime(found.textValue())
        : found.canConvertToExactIntegral() && found.canConvertToLong() ? Optional.of(unixTime(found.longValue()))
        : Optional.empty();
    if (time.isEmpty()) {
      problems.add(new FieldProblem(name + ".changedAt", changedAt.get() + " must be the time the record changed:"
          + " ISO 8601 (2026-03-14T09:26:53Z; without an offset as UTC) or Unix time in milliseconds or seconds"));
    }
    return time;
  }

  private static Optional<Instant> isoTime(String text) {
    String iso = text.strip().replace(' ', 'T');
    try {
      return Optional.of(OffsetDateTime.parse(iso).toInstant());
    } catch (DateTimeParseException withoutOffset) {
      try {
        return Optional.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }

  /** Unix time in milliseconds, or in seconds when the number is too small for milliseconds of this century. */
  private static Instant unixTime(long number) {
    return number > -SECONDS_BELOW && number < SECONDS_BELOW ? Instant.ofEpochSecond(number)
        : Instant.ofEpochMilli(number);
  }

  /** The event id, which every item must have once {@code eventId} is configured. */
  private Optional<String> eventIdOf(JsonNode item, String name, List<FieldProblem> problems) {
    if (eventId.isEmpty()) {
      return Optional.empty();
    }
    JsonNode found = item.at(eventId.get());
    if (!found.isValueNode() || found.isNull() || found.asText().isBlank()
        || found.asText().length() > MAX_EVENT_ID_LENGTH) {
      problems.add(new FieldProblem(name + ".eventId", eventId.get()
          + " is required: the event id, text or a number, at most " + MAX_EVENT_ID_LENGTH + " characters"));
      return Optional.empty();
    }
    return Optional.of(found.asText());
  }

  /** The text of a value at {@code pointer}; empty if it is missing or null, a problem if it is an object or list. */
  private static Optional<String> value(JsonNode item, JsonPointer pointer, String field,
      List<FieldProblem> problems) {
    JsonNode found = item.at(pointer);
    if (found.isMissingNode() || found.isNull()) {
      return Optional.empty();
    }
    if (!found.isValueNode()) {
      problems.add(new FieldProblem(field, pointer + " must be text, a number or true or false"));
      return Optional.empty();
    }
    return Optional.of(found.asText());
  }
}
