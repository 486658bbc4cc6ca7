package org.leadgate.enrichment.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.leadgate.lead.Lead;
import org.leadgate.storage.FieldsCodec;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.TextMapColumn;
import org.leadgate.storage.Transactions;

/**
 * Enrichment's tables: the request each lead came with ({@code lead_requests}), each lead's enrichment state
 * ({@code enrichments}), and the merged fields written back to {@code leads}.
 */
final class EnrichmentStore {
  /** Where a lead's enrichment stands. */
  enum Status {
    /** Every provider answered, or the lead was accepted. */
    COMPLETE("complete"),
    /** Some providers could not answer; the re-enrichment job tries them again. */
    GAPS("gaps"),
    /** Gaps older than the give-up age, or the lead was erased (see the compliance erasure). */
    GAVE_UP("gave-up");

    final String id;

    Status(String id) {
      this.id = id;
    }
  }

  /** A lead with gaps (provider name to reason), due for another run. */
  record Due(Lead lead, StoredRequest request, Map<String, String> gaps, int runs, Instant firstRunAt) {}

  /**
   * The result of one run to store.
   *
   * @param fieldsChanged whether the lead's fields differ from what is stored
   * @param minimiseIp whether to replace the stored client address by {@code minimisedIp} (its network, or nothing
   *     for an address that is not public)
   */
  record Result(Lead lead, boolean fieldsChanged, boolean minimiseIp, Optional<String> minimisedIp, Status status,
      Map<String, String> gaps, int runs, Instant firstRunAt, Instant nextRunAt) {}

  private final DataSource dataSource;
  private final Transactions transactions;
  private final LeadStore leads;

  EnrichmentStore(DataSource dataSource, Transactions transactions, LeadStore leads) {
    this.dataSource = dataSource;
    this.transactions = transactions;
    this.leads = leads;
  }

  /** Records the request of a lead being accepted, in the accepting transaction. */
  static void recordRequest(Connection connection, String leadId, StoredRequest request) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lead_requests (lead_id, client_ip,"
        + " ip_truncated, user_agent, accept_language, referrer, utm) VALUES (?, ?, 0, ?, ?, ?, ?)")) {
      insert.setString(1, leadId);
      insert.setString(2, request.clientIp().orElse(null));
      insert.setString(3, request.userAgent().orElse(null));
      insert.setString(4, request.acceptLanguage().orElse(null));
      insert.setString(5, request.referrer().orElse(null));
      insert.setString(6, TextMapColumn.write(request.utm()));
      insert.executeUpdate();
    }
  }

  /** Those of {@code leadIds} never enriched, with their requests (none for leads accepted before enrichment). */
  Map<String, StoredRequest> notYetEnriched(List<String> leadIds) throws SQLException {
    Map<String, StoredRequest> found = new HashMap<>();
    if (leadIds.isEmpty()) {
      return found;
    }
    String marks = String.join(", ", java.util.Collections.nCopies(leadIds.size(), "?"));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT l.id, " + REQUEST_COLUMNS
            + " FROM leads l LEFT JOIN lead_requests r ON r.lead_id = l.id"
            + " LEFT JOIN enrichments e ON e.lead_id = l.id WHERE e.lead_id IS NULL AND l.id IN (" + marks + ")")) {
      for (int i = 0; i < leadIds.size(); i++) {
        select.setString(i + 1, leadIds.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.put(rows.getString(1), request(rows, 2));
        }
      }
    }
    return found;
  }

  /** Leads with gaps whose next run is due, oldest first. */
  List<Due> due(Instant now, int limit) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT l.id, l.form_id, l.received_at, l.fields,"
            + " e.runs, e.first_run_at, e.gaps, " + REQUEST_COLUMNS + " FROM enrichments e JOIN leads l ON l.id = e.lead_id"
            + " LEFT JOIN lead_requests r ON r.lead_id = l.id WHERE e.status = 'gaps' AND e.next_run_at <= ?"
            + " ORDER BY e.next_run_at LIMIT ?")) {
      select.setLong(1, now.toEpochMilli());
      select.setInt(2, limit);
      List<Due> due = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Lead lead = new Lead(rows.getString(1), rows.getString(2), Instant.ofEpochMilli(rows.getLong(3)),
              FieldsCodec.decode(rows.getString(4)));
          due.add(new Due(lead, request(rows, 8), TextMapColumn.read(rows.getString(7)), rows.getInt(5),
              Instant.ofEpochMilli(rows.getLong(6))));
        }
      }
      return due;
    }
  }

  /**
   * Stores results in one transaction: merged fields, the truncated IP, the enrichment state. With
   * {@code redeliver}, leads whose fields changed are queued for delivery again (a gap was filled after delivery).
   */
  void save(List<Result> results, Instant now, boolean redeliver) throws SQLException {
    if (results.isEmpty()) {
      return;
    }
    transactions.write(connection -> {
      List<String> changed = new ArrayList<>();
      for (Result result : results) {
        String leadId = result.lead().id();
        if (result.fieldsChanged()) {
          update(connection, "UPDATE leads SET fields = ? WHERE id = ?", FieldsCodec.encode(result.lead().fields()),
              leadId);
          changed.add(leadId);
        }
        if (result.minimiseIp()) {
          update(connection, "UPDATE lead_requests SET client_ip = ?, ip_truncated = 1 WHERE lead_id = ?",
              result.minimisedIp().orElse(null), leadId);
        }
        upsertState(connection, leadId, result.status(), result.gaps(), result.runs(), result.firstRunAt(),
            result.nextRunAt(), now);
      }
      if (redeliver && !changed.isEmpty()) {
        leads.requeue(connection, changed, now);
      }
      return null;
    });
  }

  private static void upsertState(Connection connection, String leadId, Status status, Map<String, String> gaps,
      int runs, Instant firstRunAt, Instant nextRunAt, Instant now) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO enrichments (lead_id, status, gaps,"
        + " runs, first_run_at, next_run_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (lead_id) DO UPDATE"
        + " SET status = excluded.status, gaps = excluded.gaps, runs = excluded.runs,"
        + " next_run_at = excluded.next_run_at, updated_at = excluded.updated_at")) {
      upsert.setString(1, leadId);
      upsert.setString(2, status.id);
      upsert.setString(3, TextMapColumn.write(gaps));
      upsert.setInt(4, runs);
      upsert.setLong(5, firstRunAt.toEpochMilli());
      upsert.setLong(6, nextRunAt.toEpochMilli());
      upsert.setLong(7, now.toEpochMilli());
      upsert.executeUpdate();
    }
  }

  /** Leads by enrichment state, for health. */
  Map<String, Long> counts() throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT status, COUNT(*) FROM enrichments GROUP BY status");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    }
    return counts;
  }

  private static final String REQUEST_COLUMNS =
      "r.client_ip, r.ip_truncated, r.user_agent, r.accept_language, r.referrer, r.utm";

  private static StoredRequest request(ResultSet rows, int first) throws SQLException {
    String utm = rows.getString(first + 5);
    return new StoredRequest(Optional.ofNullable(rows.getString(first)), rows.getInt(first + 1) == 1,
        Optional.ofNullable(rows.getString(first + 2)), Optional.ofNullable(rows.getString(first + 3)),
        Optional.ofNullable(rows.getString(first + 4)), TextMapColumn.read(utm));
  }

  private static void update(Connection connection, String sql, String... values) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        update.setString(i + 1, values[i]);
      }
      update.executeUpdate();
    }
  }

}
