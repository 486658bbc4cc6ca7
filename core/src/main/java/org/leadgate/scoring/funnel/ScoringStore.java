package org.leadgate.scoring.funnel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.leadgate.lead.Lead;
import org.leadgate.scoring.BehaviourEvent;
import org.leadgate.storage.FieldsCodec;
import org.leadgate.storage.TextMapColumn;

/** The tables {@code lead_events} and {@code lead_stages}. */
final class ScoringStore {
  /** A lead's stored stage: its id, when it reached MQL (while it lasts), and who set it ({@code scoring}, {@code crm}). */
  record StoredStage(String stage, Optional<Instant> mqlAt, String setBy) {}

  private ScoringStore() {}

  static void addEvent(Connection connection, String leadId, BehaviourEvent event) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO lead_events (id, lead_id, type, at, properties) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, UUID.randomUUID().toString());
      insert.setString(2, leadId);
      insert.setString(3, event.type());
      insert.setLong(4, event.at().toEpochMilli());
      insert.setString(5, TextMapColumn.write(event.properties()));
      insert.executeUpdate();
    }
  }

  static List<BehaviourEvent> events(Connection connection, String leadId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT type, at, properties FROM lead_events WHERE lead_id = ? ORDER BY at")) {
      select.setString(1, leadId);
      List<BehaviourEvent> events = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          events.add(new BehaviourEvent(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)),
              TextMapColumn.read(rows.getString(3))));
        }
      }
      return events;
    }
  }

  static Optional<StoredStage> stage(Connection connection, String leadId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT stage, mql_at, set_by FROM lead_stages WHERE lead_id = ?")) {
      select.setString(1, leadId);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        long millis = rows.getLong(2);
        Optional<Instant> mqlAt = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
        return Optional.of(new StoredStage(rows.getString(1), mqlAt, rows.getString(3)));
      }
    }
  }

  static void saveStage(Connection connection, String leadId, StoredStage stage, Instant now) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO lead_stages (lead_id, stage, mql_at,"
        + " set_by, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (lead_id) DO UPDATE SET stage = excluded.stage,"
        + " mql_at = excluded.mql_at, set_by = excluded.set_by, updated_at = excluded.updated_at")) {
      upsert.setString(1, leadId);
      upsert.setString(2, stage.stage());
      if (stage.mqlAt().isPresent()) {
        upsert.setLong(3, stage.mqlAt().get().toEpochMilli());
      } else {
        upsert.setNull(3, Types.BIGINT);
      }
      upsert.setString(4, stage.setBy());
      upsert.setLong(5, now.toEpochMilli());
      upsert.executeUpdate();
    }
  }

  /** Leads whose stage scoring reached beyond {@code entryStage} (these may fall back as their score decays). */
  static List<Lead> scoredBeyond(Connection connection, String entryStage, int limit) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT l.id, l.form_id, l.received_at, l.fields"
        + " FROM lead_stages s JOIN leads l ON l.id = s.lead_id WHERE s.set_by = 'scoring' AND s.stage <> ?"
        + " ORDER BY s.updated_at LIMIT ?")) {
      select.setString(1, entryStage);
      select.setInt(2, limit);
      List<Lead> found = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(new Lead(rows.getString(1), rows.getString(2), Instant.ofEpochMilli(rows.getLong(3)),
              FieldsCodec.decode(rows.getString(4))));
        }
      }
      return found;
    }
  }

  static boolean leadExists(Connection connection, String leadId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM leads WHERE id = ?")) {
      select.setString(1, leadId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

}
