package org.leadgate.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.leadgate.intake.Submission;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;

/** Submissions and leads to store, and plain JDBC reads of what a store wrote. */
public final class StorageFixtures {
  public static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private StorageFixtures() {}

  /** A submission of {@code email} to {@code formId} with its lead, received at {@code at}. */
  public static LeadStore.Accept accept(String formId, String email, Optional<String> idempotencyKey, Instant at) {
    String body = "email=" + email.replace("@", "%40");
    Submission submission = new Submission(formId, at, "application/x-www-form-urlencoded", body,
        Map.of("email", List.of(email)), idempotencyKey);
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    fields.put("email", new FieldValue(email, Provenance.typed(formId, at)));
    fields.put("company", new FieldValue("ACME Gmbh & Co. KG – Köln", Provenance.typed(formId, at)));
    return new LeadStore.Accept(submission, new Lead(UUID.randomUUID().toString(), formId, at, fields));
  }

  public static LeadStore.Accept accept(String email) {
    return accept("contact", email, Optional.empty(), T0);
  }

  public static LeadStore.Accept accept(String email, Instant at) {
    return accept("contact", email, Optional.empty(), at);
  }

  /** The same submission with another lead id, as a second post of the same form would have. */
  public static LeadStore.Accept again(LeadStore.Accept accept) {
    Lead lead = accept.lead();
    return new LeadStore.Accept(accept.submission(),
        new Lead(UUID.randomUUID().toString(), lead.formId(), lead.receivedAt(), lead.fields()));
  }

  public static long count(DataSource dataSource, String sql, Object... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** One outbox row as stored. */
  public record OutboxRow(String target, String status, int attempts, Instant nextAttemptAt, String lastError,
      String crmRecordId, Instant updatedAt) {}

  public static OutboxRow outbox(DataSource dataSource, String leadId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT target, status, attempts, next_attempt_at,"
            + " last_error, crm_record_id, updated_at FROM outbox WHERE lead_id = ?")) {
      select.setString(1, leadId);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new AssertionError("no outbox row for lead " + leadId);
        }
        return new OutboxRow(rows.getString(1), rows.getString(2), rows.getInt(3),
            Instant.ofEpochMilli(rows.getLong(4)), rows.getString(5), rows.getString(6),
            Instant.ofEpochMilli(rows.getLong(7)));
      }
    }
  }
}
