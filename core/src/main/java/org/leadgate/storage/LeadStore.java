package org.leadgate.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.leadgate.intake.Submission;
import org.leadgate.lead.Lead;
import org.leadgate.pipeline.Outcome;

/**
 * All SQL of LeadGate's submissions, leads and delivery outbox. The same statements run on SQLite and PostgreSQL.
 */
public final class LeadStore {
  private final DataSource dataSource;
  private final Transactions transactions;
  private final String target;

  private final AcceptHook hook;

  /**
   * @param target the id of the CRM adapter new leads are queued for
   * @param hook runs in each accept's transaction after the lead is inserted (consent capture)
   */
  public LeadStore(Database database, Transactions transactions, String target, AcceptHook hook) {
    this.dataSource = database.dataSource();
    this.transactions = transactions;
    this.target = target;
    this.hook = hook;
  }

  /** A store without consent capture, with transactions of its own. */
  public LeadStore(Database database, String target) {
    this(database, new Transactions(database), target, (connection, accept) -> List.of());
  }

  /** Work that belongs in the transaction that accepts a lead, such as recording its consent evidence. */
  @FunctionalInterface
  public interface AcceptHook {
    List<Outcome.ConsentReply> accepted(Connection connection, Accept accept) throws SQLException;
  }

  /** A submission and the lead made from it, to be accepted together. */
  public record Accept(Submission submission, Lead lead) {}

  /**
   * Stores submissions, their leads and outbox rows in one transaction. A submission whose idempotency key is
   * already stored adds nothing and answers the earlier lead.
   */
  public List<Outcome.Accepted> acceptAll(List<Accept> batch) throws SQLException {
    List<Outcome.Accepted> results = new ArrayList<>(batch.size());
    inTransaction(connection -> {
      for (Accept accept : batch) {
        results.add(accept(connection, accept));
      }
      return null;
    });
    return results;
  }

  private Outcome.Accepted accept(Connection connection, Accept accept) throws SQLException {
    Submission submission = accept.submission();
    Lead lead = accept.lead();
    String submissionId = UUID.randomUUID().toString();
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO submissions (id, form_id, received_at, content_type, body, idempotency_key)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (form_id, idempotency_key) DO NOTHING")) {
      insert.setString(1, submissionId);
      insert.setString(2, submission.formId());
      insert.setLong(3, submission.receivedAt().toEpochMilli());
      insert.setString(4, submission.contentType());
      insert.setString(5, submission.body());
      insert.setString(6, submission.idempotencyKey().orElse(null));
      if (insert.executeUpdate() == 0) {
        return new Outcome.Accepted(leadForKey(connection, submission), true);
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO leads (id, submission_id, form_id, received_at, fields) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, lead.id());
      insert.setString(2, submissionId);
      insert.setString(3, lead.formId());
      insert.setLong(4, lead.receivedAt().toEpochMilli());
      insert.setString(5, FieldsCodec.encode(lead.fields()));
      insert.executeUpdate();
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO outbox (lead_id, target, status, attempts, next_attempt_at, updated_at, crm_record_id)"
            + " VALUES (?, ?, 'pending', 0, ?, ?, ?)")) {
      insert.setString(1, lead.id());
      insert.setString(2, target);
      insert.setLong(3, lead.receivedAt().toEpochMilli());
      insert.setLong(4, lead.receivedAt().toEpochMilli());
      insert.setString(5, submission.crmRecordId().orElse(null));
      insert.executeUpdate();
    }
    return new Outcome.Accepted(lead.id(), false, hook.accepted(connection, accept));
  }

  private static String leadForKey(Connection connection, Submission submission) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT l.id FROM leads l JOIN submissions s ON s.id = l.submission_id"
            + " WHERE s.form_id = ? AND s.idempotency_key = ?")) {
      select.setString(1, submission.formId());
      select.setString(2, submission.idempotencyKey().orElseThrow());
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new SQLException("idempotency key is stored without its lead");
        }
        return rows.getString(1);
      }
    }
  }

  /**
   * A lead waiting in the outbox, with the attempts made so far and its revision: 0 for the first delivery, one
   * more for each update (for example after a consent change); {@code crmRecordId} is its record in the CRM once
   * known (from an earlier delivery, or because the lead came from the CRM).
   */
  public record PendingDelivery(Lead lead, int attempts, int revision, Optional<String> crmRecordId) {
    public PendingDelivery {
      Objects.requireNonNull(crmRecordId, "crmRecordId");
    }

    /** The same delivery with the lead changed (enriched). */
    public PendingDelivery with(Lead changed) {
      return new PendingDelivery(changed, attempts, revision, crmRecordId);
    }

    /** Stable across attempts of one revision, new for each revision, so CRMs neither drop updates nor repeat. */
    public String idempotencyKey() {
      return revision == 0 ? lead.id() : lead.id() + "-r" + revision;
    }
  }

  /**
   * Queues leads for delivery again as a new revision, in the caller's transaction (a consent changed). A lead
   * merged into another stays merged: the lead it was merged into is the one the CRM gets.
   */
  public void requeue(Connection connection, List<String> leadIds, Instant now) throws SQLException {
    for (String leadId : leadIds) {
      Sql.execute(connection, "UPDATE outbox SET status = 'pending', attempts = 0, revision = revision + 1,"
          + " next_attempt_at = ?, last_error = NULL, updated_at = ? WHERE lead_id = ? AND status <> 'merged'",
          now.toEpochMilli(), now.toEpochMilli(), leadId);
    }
  }

  /** Leads due for delivery at {@code now}, oldest first. */
  public List<PendingDelivery> due(Instant now, int limit) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT l.id, l.form_id, l.received_at, l.fields, o.attempts, o.revision, o.crm_record_id FROM outbox o"
                + " JOIN leads l ON l.id = o.lead_id"
                + " WHERE o.status = 'pending' AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at LIMIT ?")) {
      select.setLong(1, now.toEpochMilli());
      select.setInt(2, limit);
      List<PendingDelivery> due = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Lead lead = new Lead(rows.getString(1), rows.getString(2), Instant.ofEpochMilli(rows.getLong(3)),
              FieldsCodec.decode(rows.getString(4)));
          due.add(new PendingDelivery(lead, rows.getInt(5), rows.getInt(6), Optional.ofNullable(rows.getString(7))));
        }
      }
      return due;
    }
  }

  /**
   * Takes due leads for one attempt each, in one transaction, so that no other worker (or gateway instance)
   * delivers them at the same time; answers the ids it got. If this worker dies mid-attempt, the leads are due
   * again at {@code leaseUntil}.
   */
  public List<String> claim(List<String> leadIds, Instant now, Instant leaseUntil) throws SQLException {
    List<String> claimed = new ArrayList<>();
    inTransaction(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE outbox SET next_attempt_at = ?,"
          + " updated_at = ? WHERE lead_id = ? AND status = 'pending' AND next_attempt_at <= ?")) {
        for (String leadId : leadIds) {
          update.setLong(1, leaseUntil.toEpochMilli());
          update.setLong(2, now.toEpochMilli());
          update.setString(3, leadId);
          update.setLong(4, now.toEpochMilli());
          if (update.executeUpdate() == 1) {
            claimed.add(leadId);
          }
        }
      }
      return null;
    });
    return claimed;
  }

  /**
   * What came of one delivery attempt of a revision, to be recorded in the outbox. A result for a revision that was
   * superseded meanwhile (the lead was queued again) is not recorded: the new revision is still to be delivered.
   * {@code call} (HTTP status, latency) goes to the {@link DeliveryLog} only.
   */
  public sealed interface AttemptResult {
    String leadId();

    int revision();

    /** The CRM acknowledged the lead. */
    record Delivered(String leadId, int revision, int attempts, Optional<String> crmRecordId, DeliveryLog.Call call)
        implements AttemptResult {
      public Delivered(String leadId, int revision, int attempts, Optional<String> crmRecordId) {
        this(leadId, revision, attempts, crmRecordId, DeliveryLog.Call.UNMEASURED);
      }
    }

    /** Try again at {@code nextAttempt}. */
    record Retry(String leadId, int revision, int attempts, Instant nextAttempt, String error, DeliveryLog.Call call)
        implements AttemptResult {
      public Retry(String leadId, int revision, int attempts, Instant nextAttempt, String error) {
        this(leadId, revision, attempts, nextAttempt, error, DeliveryLog.Call.UNMEASURED);
      }
    }

    /** No further attempts: a dead letter until replayed. */
    record Dead(String leadId, int revision, int attempts, String error, DeliveryLog.Call call)
        implements AttemptResult {
      public Dead(String leadId, int revision, int attempts, String error) {
        this(leadId, revision, attempts, error, DeliveryLog.Call.UNMEASURED);
      }
    }

    /** Claimed but not attempted: due again at once. */
    record Released(String leadId, int revision) implements AttemptResult {}

    /** Not attempted because the adapter held it back: due again at {@code nextAttempt}, attempts unchanged. */
    record Deferred(String leadId, int revision, Instant nextAttempt, String reason) implements AttemptResult {}
  }

  /**
   * Records the results of a round of attempts in one transaction, and each recorded attempt in the
   * {@link DeliveryLog} (a released or deferred lead was not attempted). A retry, dead letter or deferral changes
   * only a lead still pending: one erased meanwhile stays a dead letter marked {@code erased}, which is never replayed.
   * A delivery is recorded even then: the CRM has the lead, and the outbox says so.
   */
  public void record(List<AttemptResult> results, Instant now) throws SQLException {
    inTransaction(connection -> {
      for (AttemptResult result : results) {
        if (result instanceof AttemptResult.Delivered delivered) {
          if (Sql.execute(connection, "UPDATE outbox SET status = 'delivered', attempts = ?,"
              + " crm_record_id = COALESCE(?, crm_record_id), last_error = NULL, updated_at = ?"
              + " WHERE lead_id = ? AND revision = ?",
              delivered.attempts(), delivered.crmRecordId().orElse(null), now.toEpochMilli(), delivered.leadId(),
              delivered.revision()) == 1) {
            log(connection, delivered, delivered.attempts(), DeliveryLog.Status.DELIVERED, delivered.call(),
                Optional.empty(), now);
          }
        } else if (result instanceof AttemptResult.Retry retry) {
          if (Sql.execute(connection, "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?,"
              + " updated_at = ? WHERE lead_id = ? AND revision = ? AND status = 'pending'", retry.attempts(),
              retry.nextAttempt().toEpochMilli(), retry.error(), now.toEpochMilli(), retry.leadId(),
              retry.revision()) == 1) {
            log(connection, retry, retry.attempts(), DeliveryLog.Status.RETRY, retry.call(),
                Optional.of(retry.error()), now);
          }
        } else if (result instanceof AttemptResult.Dead dead) {
          if (Sql.execute(connection, "UPDATE outbox SET status = 'dead', attempts = ?, last_error = ?, updated_at = ?"
              + " WHERE lead_id = ? AND revision = ? AND status = 'pending'", dead.attempts(), dead.error(),
              now.toEpochMilli(), dead.leadId(), dead.revision()) == 1) {
            log(connection, dead, dead.attempts(), DeliveryLog.Status.REJECTED, dead.call(),
                Optional.of(dead.error()), now);
          }
        } else if (result instanceof AttemptResult.Deferred deferred) {
          Sql.execute(connection, "UPDATE outbox SET next_attempt_at = ?, last_error = ?, updated_at = ?"
              + " WHERE lead_id = ? AND revision = ? AND status = 'pending'", deferred.nextAttempt().toEpochMilli(),
              deferred.reason(), now.toEpochMilli(), deferred.leadId(), deferred.revision());
        } else if (result instanceof AttemptResult.Released released) {
          Sql.execute(connection, "UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE lead_id = ?"
              + " AND revision = ?", now.toEpochMilli(), now.toEpochMilli(), released.leadId(), released.revision());
        }
      }
      return null;
    });
  }

  private void log(Connection connection, AttemptResult result, int attempt, DeliveryLog.Status status,
      DeliveryLog.Call call, Optional<String> error, Instant now) throws SQLException {
    DeliveryLog.append(connection, result.leadId(),
        new DeliveryLog.Entry(now, target, result.revision(), attempt, status, call, error));
  }

  /**
   * Puts a dead letter back in the queue with fresh attempts; false if {@code leadId} is no dead letter, or is one
   * only because the person's data was erased (it must never reach the CRM emptied).
   */
  public boolean replay(String leadId, Instant now) throws SQLException {
    return update("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?"
        + " WHERE lead_id = ? AND status = 'dead' AND (last_error IS NULL OR last_error <> 'erased')",
        now.toEpochMilli(), now.toEpochMilli(), leadId) == 1;
  }

  /** A lead the CRM would not take, with the last error. */
  public record DeadLetter(String leadId, String formId, int attempts, String lastError, Instant since) {}

  public List<DeadLetter> deadLetters(int limit) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT o.lead_id, l.form_id, o.attempts, o.last_error, o.updated_at FROM outbox o"
                + " JOIN leads l ON l.id = o.lead_id WHERE o.status = 'dead' ORDER BY o.updated_at DESC LIMIT ?")) {
      select.setInt(1, limit);
      List<DeadLetter> letters = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          letters.add(new DeadLetter(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getString(4),
              Instant.ofEpochMilli(rows.getLong(5))));
        }
      }
      return letters;
    }
  }

  /** How many outbox rows are in each state; {@code merged} leads went into an earlier lead of the same person. */
  public record OutboxCounts(long pending, long delivered, long dead, long merged) {}

  public OutboxCounts counts() throws SQLException {
    long pending = 0;
    long delivered = 0;
    long dead = 0;
    long merged = 0;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT status, COUNT(*) FROM outbox GROUP BY status");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        switch (rows.getString(1)) {
          case "pending" -> pending = rows.getLong(2);
          case "delivered" -> delivered = rows.getLong(2);
          case "dead" -> dead = rows.getLong(2);
          case "merged" -> merged = rows.getLong(2);
          default -> throw new IllegalStateException("unknown outbox status " + rows.getString(1));
        }
      }
    }
    return new OutboxCounts(pending, delivered, dead, merged);
  }

  private int update(String sql, Object... parameters) throws SQLException {
    return transactions.write(connection -> Sql.execute(connection, sql, parameters));
  }

  private void inTransaction(Transactions.Work<?> work) throws SQLException {
    transactions.write(work);
  }
}
