package org.leadgate.duplicates.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leadgate.duplicates.Conflict;
import org.leadgate.duplicates.Merged;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.storage.FieldsCodec;
import org.leadgate.storage.Sql;

/**
 * The tables of duplicates: {@code lead_keys} (match key hash → owning lead) and {@code lead_merges}. All methods
 * work in the caller's transaction.
 */
final class DuplicateStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DuplicateStore() {}

  /**
   * What a merge moved from one lead to the other, so that an undo moves it back.
   *
   * @param adoptedCrmRecord the CRM record id the merged-into lead took from the merged lead; null when it took none
   *     (also in merges stored before the field existed)
   */
  record Moved(List<String> keys, List<String> events, Map<String, List<String>> subjectsBefore,
      String adoptedCrmRecord) {}

  /** A stored merge. */
  record MergeRow(String id, String intoLead, String fromLead, Instant at, String matchedOn,
      Map<String, FieldValue> replaced, Set<String> added, List<Conflict> conflicts, Moved moved,
      Optional<Instant> undoneAt) {
    Merged asMerged(Lead merged) {
      return new Merged(merged, conflicts, replaced, added, at);
    }
  }

  /**
   * A match key as stored: the first 128 bits of its SHA-256, Base64url (22 characters), so the table holds no
   * address and its index stays small; a collision among even billions of keys is not to be expected.
   */
  static String hash(String matchKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(matchKey.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  static void own(Connection connection, List<String> keyHashes, String leadId) throws SQLException {
    for (String key : keyHashes) {
      Sql.execute(connection, "INSERT INTO lead_keys (key_hash, lead_id) VALUES (?, ?) ON CONFLICT (key_hash)"
          + " DO NOTHING", key, leadId);
    }
  }

  /** The hashes of the keys a lead owns. */
  static List<String> keysOf(Connection connection, String leadId) throws SQLException {
    return Sql.column(connection, "SELECT key_hash FROM lead_keys WHERE lead_id = ? ORDER BY key_hash", leadId);
  }

  static void reassign(Connection connection, List<String> keyHashes, String from, String to) throws SQLException {
    for (String key : keyHashes) {
      Sql.execute(connection, "UPDATE lead_keys SET lead_id = ? WHERE key_hash = ? AND lead_id = ?", to, key, from);
    }
  }

  static Optional<Lead> lead(Connection connection, String leadId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT form_id, received_at, fields FROM leads WHERE id = ?")) {
      select.setString(1, leadId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next()
            ? Optional.of(new Lead(leadId, rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)),
                FieldsCodec.decode(rows.getString(3))))
            : Optional.empty();
      }
    }
  }

  static void saveFields(Connection connection, Lead lead) throws SQLException {
    Sql.execute(connection, "UPDATE leads SET fields = ? WHERE id = ?", FieldsCodec.encode(lead.fields()), lead.id());
  }

  /** Ids of the lead's behaviour events. */
  static List<String> events(Connection connection, String leadId) throws SQLException {
    return Sql.column(connection, "SELECT id FROM lead_events WHERE lead_id = ? ORDER BY at, id", leadId);
  }

  static void moveEvents(Connection connection, List<String> eventIds, String to) throws SQLException {
    for (String id : eventIds) {
      Sql.execute(connection, "UPDATE lead_events SET lead_id = ? WHERE id = ?", to, id);
    }
  }

  /** The lead's consent subject keys of one kind ({@code EMAIL} or {@code PHONE}). */
  static List<String> subjects(Connection connection, String leadId, String kind) throws SQLException {
    return Sql.column(connection, "SELECT subject_key FROM lead_subjects WHERE lead_id = ? AND kind = ?", leadId, kind);
  }

  /** Links the lead to exactly these subjects of one kind. */
  static void linkSubjects(Connection connection, String leadId, String kind, List<String> subjectKeys)
      throws SQLException {
    Sql.execute(connection, "DELETE FROM lead_subjects WHERE lead_id = ? AND kind = ?", leadId, kind);
    for (String key : subjectKeys) {
      Sql.execute(connection, "INSERT INTO lead_subjects (lead_id, subject_key, kind) VALUES (?, ?, ?)", leadId, key,
          kind);
    }
  }

  static void markMerged(Connection connection, String leadId, Instant now) throws SQLException {
    Sql.execute(connection, "UPDATE outbox SET status = 'merged', last_error = NULL, updated_at = ? WHERE lead_id = ?",
        now.toEpochMilli(), leadId);
  }

  /** The CRM record a lead's deliveries update, if it has one. */
  static Optional<String> crmRecordOf(Connection connection, String leadId) throws SQLException {
    return Sql.column(connection, "SELECT crm_record_id FROM outbox WHERE lead_id = ? AND crm_record_id IS NOT NULL",
        leadId).stream().findFirst();
  }

  /**
   * Lets a lead without a CRM record update {@code recordId}, the record of a lead merged into it; false when it has
   * one already.
   */
  static boolean adoptCrmRecord(Connection connection, String leadId, String recordId) throws SQLException {
    return Sql.execute(connection, "UPDATE outbox SET crm_record_id = ? WHERE lead_id = ? AND crm_record_id IS NULL",
        recordId, leadId) == 1;
  }

  /** Takes an adopted CRM record back from a lead, unless it has changed since. */
  static void dropCrmRecord(Connection connection, String leadId, String recordId) throws SQLException {
    Sql.execute(connection, "UPDATE outbox SET crm_record_id = NULL WHERE lead_id = ? AND crm_record_id = ?", leadId,
        recordId);
  }

  /** Makes a merged lead a lead of its own again, due for delivery as a new revision. */
  static void unmerge(Connection connection, String leadId, Instant now) throws SQLException {
    Sql.execute(connection, "UPDATE outbox SET status = 'pending', attempts = 0, revision = revision + 1,"
        + " next_attempt_at = ?, last_error = NULL, updated_at = ? WHERE lead_id = ? AND status = 'merged'",
        now.toEpochMilli(), now.toEpochMilli(), leadId);
  }

  static void insert(Connection connection, MergeRow row) throws SQLException {
    Sql.execute(connection, "INSERT INTO lead_merges (id, into_lead, from_lead, at, matched_on, replaced, added,"
        + " conflicts, moved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row.id(), row.intoLead(), row.fromLead(),
        row.at().toEpochMilli(), row.matchedOn(), FieldsCodec.encode(row.replaced()), json(List.copyOf(row.added())),
        conflictsJson(row.conflicts()), json(row.moved()));
  }

  static void markUndone(Connection connection, String mergeId, Instant now) throws SQLException {
    Sql.execute(connection, "UPDATE lead_merges SET undone_at = ? WHERE id = ?", now.toEpochMilli(), mergeId);
  }

  static Optional<MergeRow> merge(Connection connection, String mergeId) throws SQLException {
    List<MergeRow> rows = merges(connection, "id = ?", mergeId);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** The merges into or from a lead, oldest first. */
  static List<MergeRow> mergesOf(Connection connection, String leadId) throws SQLException {
    return merges(connection, "into_lead = ? OR from_lead = ?", leadId, leadId);
  }

  /** Forgets a lead's keys and merges (erasure). */
  static void forget(Connection connection, String leadId) throws SQLException {
    Sql.execute(connection, "DELETE FROM lead_keys WHERE lead_id = ?", leadId);
    Sql.execute(connection, "DELETE FROM lead_merges WHERE into_lead = ? OR from_lead = ?", leadId, leadId);
  }

  private static List<MergeRow> merges(Connection connection, String where, String... parameters)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT id, into_lead, from_lead, at, matched_on,"
        + " replaced, added, conflicts, moved, undone_at FROM lead_merges WHERE " + where + " ORDER BY at, id")) {
      for (int i = 0; i < parameters.length; i++) {
        select.setString(i + 1, parameters[i]);
      }
      List<MergeRow> merges = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long undone = rows.getLong(10);
          Optional<Instant> undoneAt = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(undone));
          merges.add(new MergeRow(rows.getString(1), rows.getString(2), rows.getString(3),
              Instant.ofEpochMilli(rows.getLong(4)), rows.getString(5), FieldsCodec.decode(rows.getString(6)),
              Set.copyOf(read(rows.getString(7), new TypeReference<List<String>>() {})),
              conflicts(rows.getString(8)), read(rows.getString(9), new TypeReference<Moved>() {}),
              undoneAt));
        }
      }
      return merges;
    }
  }

  /** Conflicts as the kept and the previous values by field, each in the fields encoding. */
  private static String conflictsJson(List<Conflict> conflicts) {
    Map<String, FieldValue> kept = new LinkedHashMap<>();
    Map<String, FieldValue> previous = new LinkedHashMap<>();
    conflicts.forEach(c -> {
      kept.put(c.field(), c.kept());
      previous.put(c.field(), c.previous());
    });
    return json(Map.of("kept", FieldsCodec.encode(kept), "previous", FieldsCodec.encode(previous)));
  }

  private static List<Conflict> conflicts(String json) {
    Map<String, String> sides = read(json, new TypeReference<>() {});
    Map<String, FieldValue> kept = FieldsCodec.decode(sides.get("kept"));
    Map<String, FieldValue> previous = FieldsCodec.decode(sides.get("previous"));
    return kept.keySet().stream().map(field -> new Conflict(field, kept.get(field), previous.get(field))).toList();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write merge record", e);
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable merge record", e);
    }
  }
}
