package org.leadgate.consent.compliance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** The SQL of the audit log ({@code audit_log}): entries are only ever added. */
public final class AuditLog {
  private AuditLog() {}

  /** Receives streamed entries. */
  @FunctionalInterface
  public interface Sink {
    void accept(AuditEntry entry) throws SQLException;
  }

  public static void append(Connection connection, AuditEntry entry) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO audit_log (id, at, principal, action, detail) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, entry.id());
      insert.setLong(2, entry.at().toEpochMilli());
      insert.setString(3, entry.principal());
      insert.setString(4, entry.action());
      insert.setString(5, entry.detail());
      insert.executeUpdate();
    }
  }

  /** Entries at or after {@code from} and before {@code to}, oldest first. */
  public static void forEach(Connection connection, Instant from, Instant to, Sink sink) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT id, at, principal, action, detail"
        + " FROM audit_log WHERE at >= ? AND at < ? ORDER BY at, id")) {
      select.setLong(1, from.toEpochMilli());
      select.setLong(2, to.toEpochMilli());
      select.setFetchSize(1000);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          sink.accept(new AuditEntry(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3),
              rows.getString(4), rows.getString(5)));
        }
      }
    }
  }
}
