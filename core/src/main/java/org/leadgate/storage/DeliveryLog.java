package org.leadgate.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The delivery log ({@code delivery_log}): one row per delivery attempt that the outbox recorded (when, to which CRM
 * adapter, what came of it, the CRM's HTTP status when the adapter tells it, how long the call took, the error), for
 * admins debugging a CRM mapping. {@link LeadStore#record} writes the rows in the transaction that records the
 * attempts in the outbox, so the log never disagrees with it. Rows are pruned after {@code delivery.logRetention}
 * and deleted with the lead's data on erasure.
 */
public final class DeliveryLog {
  /** Errors are kept up to this many characters. */
  static final int MAX_ERROR_CHARS = 1000;

  /** What came of an attempt. */
  public enum Status {
    /** The CRM acknowledged the lead. */
    DELIVERED,
    /** A passing failure: the lead is tried again later. */
    RETRY,
    /** No further attempts: the CRM refused the lead, or the attempts ran out (the error says which). */
    REJECTED;

    /** The lower-case name stored and shown, for example {@code retry}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Status of(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * How the CRM call of an attempt went: the HTTP status the CRM answered (when the adapter tells it) and how long the
   * call took. Leads handed over in one batch share the batch call's latency.
   */
  public record Call(OptionalInt httpStatus, Duration latency) {
    /** An attempt whose call was not measured. */
    public static final Call UNMEASURED = new Call(OptionalInt.empty(), Duration.ZERO);

    public Call {
      Objects.requireNonNull(httpStatus, "httpStatus");
      Objects.requireNonNull(latency, "latency");
    }
  }

  /** One attempt at a lead: its revision and attempt number (1 for the first of the revision). */
  public record Entry(Instant at, String target, int revision, int attempt, Status status, Call call,
      Optional<String> error) {
    public Entry {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(error, "error");
    }
  }

  private final Transactions transactions;

  public DeliveryLog(Transactions transactions) {
    this.transactions = transactions;
  }

  /** The attempts at a lead, oldest first; empty if there is no such lead. */
  public Optional<List<Entry>> of(String leadId) throws SQLException {
    return transactions.read(connection -> {
      try (PreparedStatement lead = connection.prepareStatement("SELECT 1 FROM leads WHERE id = ?")) {
        lead.setString(1, leadId);
        try (ResultSet rows = lead.executeQuery()) {
          if (!rows.next()) {
            return Optional.empty();
          }
        }
      }
      try (PreparedStatement select = connection.prepareStatement("SELECT at, target, revision, attempt, status,"
          + " http_status, latency_ms, error FROM delivery_log WHERE lead_id = ? ORDER BY at, revision, attempt")) {
        select.setString(1, leadId);
        List<Entry> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            Instant at = Instant.ofEpochMilli(rows.getLong(1));
            int httpStatus = rows.getInt(6);
            OptionalInt http = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(httpStatus);
            entries.add(new Entry(at, rows.getString(2), rows.getInt(3), rows.getInt(4), Status.of(rows.getString(5)),
                new Call(http, Duration.ofMillis(rows.getLong(7))), Optional.ofNullable(rows.getString(8))));
          }
        }
        return Optional.of(entries);
      }
    });
  }

  /** Deletes up to {@code limit} rows written before {@code cutoff}, oldest first, and answers how many. */
  public int prune(Instant cutoff, int limit) throws SQLException {
    return transactions.write(connection -> {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM delivery_log WHERE id IN"
          + " (SELECT id FROM delivery_log WHERE at < ? ORDER BY at LIMIT ?)")) {
        delete.setLong(1, cutoff.toEpochMilli());
        delete.setInt(2, limit);
        return delete.executeUpdate();
      }
    });
  }

  /** Deletes a lead's rows in the caller's transaction (erasure of the person's data). */
  public static void erase(Connection connection, String leadId) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM delivery_log WHERE lead_id = ?")) {
      delete.setString(1, leadId);
      delete.executeUpdate();
    }
  }

  /** Adds a row in the caller's transaction; the error is cut to {@value #MAX_ERROR_CHARS} characters. */
  static void append(Connection connection, String leadId, Entry entry) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO delivery_log (id, lead_id, at, target,"
        + " revision, attempt, status, http_status, latency_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, UUID.randomUUID().toString());
      insert.setString(2, leadId);
      insert.setLong(3, entry.at().toEpochMilli());
      insert.setString(4, entry.target());
      insert.setInt(5, entry.revision());
      insert.setInt(6, entry.attempt());
      insert.setString(7, entry.status().code());
      if (entry.call().httpStatus().isPresent()) {
        insert.setInt(8, entry.call().httpStatus().getAsInt());
      } else {
        insert.setNull(8, Types.INTEGER);
      }
      insert.setLong(9, entry.call().latency().toMillis());
      insert.setString(10, entry.error().map(DeliveryLog::shortened).orElse(null));
      insert.executeUpdate();
    }
  }

  private static String shortened(String error) {
    if (error.length() <= MAX_ERROR_CHARS) {
      return error;
    }
    int end = Character.isHighSurrogate(error.charAt(MAX_ERROR_CHARS - 1)) ? MAX_ERROR_CHARS - 1 : MAX_ERROR_CHARS;
    return error.substring(0, end) + "…";
  }
}
