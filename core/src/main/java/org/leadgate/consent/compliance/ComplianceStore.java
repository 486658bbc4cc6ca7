package org.leadgate.consent.compliance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leadgate.duplicates.engine.Deduplication;
import org.leadgate.consent.Channel;
import org.leadgate.storage.Sql;
import org.leadgate.storage.DeliveryLog;
import org.leadgate.storage.TextMapColumn;

/** The SQL of compliance exports and erasure besides the ledger and the audit log. Portable SQL. */
final class ComplianceStore {
  private ComplianceStore() {}

  /** Whether a subject's proof key is destroyed, and when its data was erased. */
  record KeyStatus(boolean shredded, Optional<Instant> erasedAt) {}

  static Optional<KeyStatus> keyStatus(Connection connection, String subjectKey) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT CASE WHEN proof_key IS NULL THEN 1 ELSE 0"
        + " END, erased_at FROM subject_keys WHERE subject_key = ?")) {
      select.setString(1, subjectKey);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        boolean shredded = rows.getInt(1) == 1;
        long erased = rows.getLong(2);
        return Optional.of(new KeyStatus(shredded, rows.wasNull() ? Optional.empty()
            : Optional.of(Instant.ofEpochMilli(erased))));
      }
    }
  }

  static List<SubjectExport.LeadRecord> leadRecords(Connection connection, String subjectKey) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT l.id, l.form_id, l.received_at, l.fields,"
        + " s.id, s.received_at, s.content_type, s.body,"
        + " o.target, o.status, o.attempts, o.revision, o.last_error, o.crm_record_id, o.updated_at,"
        + " r.client_ip, r.user_agent, r.accept_language, r.referrer, r.utm"
        + " FROM lead_subjects ls JOIN leads l ON l.id = ls.lead_id JOIN submissions s ON s.id = l.submission_id"
        + " LEFT JOIN outbox o ON o.lead_id = l.id LEFT JOIN lead_requests r ON r.lead_id = l.id"
        + " WHERE ls.subject_key = ? ORDER BY l.received_at, l.id")) {
      select.setString(1, subjectKey);
      List<SubjectExport.LeadRecord> leads = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String target = rows.getString(9);
          Optional<SubjectExport.Delivery> delivery = target == null ? Optional.empty()
              : Optional.of(new SubjectExport.Delivery(target, rows.getString(10), rows.getInt(11), rows.getInt(12),
                  Optional.ofNullable(rows.getString(13)), Optional.ofNullable(rows.getString(14)),
                  Instant.ofEpochMilli(rows.getLong(15))));
          leads.add(new SubjectExport.LeadRecord(rows.getString(1), rows.getString(2),
              Instant.ofEpochMilli(rows.getLong(3)), rows.getString(4),
              new SubjectExport.Submission(rows.getString(5), Instant.ofEpochMilli(rows.getLong(6)),
                  rows.getString(7), rows.getString(8)),
              delivery, request(rows, 16), events(connection, rows.getString(1))));
        }
      }
      return leads;
    }
  }

  /** The request kept for enrichment, from the columns starting at {@code first}; only what is there. */
  private static Map<String, String> request(ResultSet rows, int first) throws SQLException {
    Map<String, String> request = new LinkedHashMap<>();
    String[] names = {"clientIp", "userAgent", "acceptLanguage", "referrer"};
    for (int i = 0; i < names.length; i++) {
      String value = rows.getString(first + i);
      if (value != null) {
        request.put(names[i], value);
      }
    }
    TextMapColumn.read(rows.getString(first + 4)).forEach((name, value) -> request.put("utm_" + name, value));
    return request;
  }

  private static List<SubjectExport.Event> events(Connection connection, String leadId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT type, at, properties FROM lead_events WHERE lead_id = ? ORDER BY at, id")) {
      select.setString(1, leadId);
      List<SubjectExport.Event> events = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          events.add(new SubjectExport.Event(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)),
              TextMapColumn.read(rows.getString(3))));
        }
      }
      return events;
    }
  }

  static List<SubjectProof.DoiRecord> doiRecords(Connection connection, String subjectKey) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT message_id, purpose, form_id, wording_id,"
        + " lead_id, created_at, expires_at, mail_status, mail_attempts, used_at, channel FROM doi_requests"
        + " WHERE subject_key = ? ORDER BY created_at, message_id")) {
      select.setString(1, subjectKey);
      List<SubjectProof.DoiRecord> requests = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long used = rows.getLong(10);
          Optional<Instant> usedAt = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(used));
          requests.add(new SubjectProof.DoiRecord(rows.getString(1),
              Channel.parse(rows.getString(11)).orElseThrow(() -> new IllegalStateException("unknown channel")),
              rows.getString(2), rows.getString(3),
              rows.getString(4), rows.getString(5), Instant.ofEpochMilli(rows.getLong(6)),
              Instant.ofEpochMilli(rows.getLong(7)), rows.getString(8), rows.getInt(9), usedAt));
        }
      }
      return requests;
    }
  }

  static Optional<String> formOfLead(Connection connection, String leadId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT form_id FROM leads WHERE id = ?")) {
      select.setString(1, leadId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  /** The forms through which a subject's consent (channel, purpose) was captured. */
  static Set<String> formsOfConsent(Connection connection, String subjectKey, Channel channel, String purpose)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT l.form_id FROM consent_events e"
        + " JOIN leads l ON l.id = e.lead_id WHERE e.subject_key = ? AND e.channel = ? AND e.purpose = ?")) {
      select.setString(1, subjectKey);
      select.setString(2, channel.id());
      select.setString(3, purpose);
      Set<String> forms = new LinkedHashSet<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          forms.add(rows.getString(1));
        }
      }
      return forms;
    }
  }

  /**
   * Empties a lead's fields and raw submission, keeping the rows (ids, outbox and ledger stay consistent), deletes
   * what else is kept about it (request, behaviour, stage, delivery log), and stops its delivery unless it was
   * delivered: a pending or dead outbox row becomes dead with the error {@code erased}, so the emptied lead is never
   * sent.
   */
  static ErasureResult.ErasedLead eraseLead(Connection connection, String leadId, Instant now) throws SQLException {
    String formId = "";
    try (PreparedStatement select = connection.prepareStatement("SELECT form_id FROM leads WHERE id = ?")) {
      select.setString(1, leadId);
      try (ResultSet rows = select.executeQuery()) {
        if (rows.next()) {
          formId = rows.getString(1);
        }
      }
    }
    String delivery = "none";
    Optional<String> crmRecordId = Optional.empty();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT status, crm_record_id FROM outbox WHERE lead_id = ?")) {
      select.setString(1, leadId);
      try (ResultSet rows = select.executeQuery()) {
        if (rows.next()) {
          delivery = "delivered".equals(rows.getString(1)) ? "delivered" : "stopped";
          crmRecordId = Optional.ofNullable(rows.getString(2));
        }
      }
    }
    Sql.execute(connection, "UPDATE submissions SET body = '' WHERE id = (SELECT submission_id FROM leads WHERE id = ?)",
        leadId);
    Sql.execute(connection, "UPDATE leads SET fields = '{}' WHERE id = ?", leadId);
    Sql.execute(connection, "DELETE FROM lead_requests WHERE lead_id = ?", leadId);
    Sql.execute(connection, "DELETE FROM lead_events WHERE lead_id = ?", leadId);
    Sql.execute(connection, "DELETE FROM lead_stages WHERE lead_id = ?", leadId);
    Deduplication.forget(connection, leadId);
    DeliveryLog.erase(connection, leadId);
    Sql.execute(connection, "UPDATE enrichments SET status = 'gave-up', gaps = NULL, updated_at = ? WHERE lead_id = ?",
        now.toEpochMilli(), leadId);
    Sql.execute(connection, "UPDATE outbox SET status = 'dead', last_error = 'erased', updated_at = ?"
        + " WHERE lead_id = ? AND status <> 'delivered'", now.toEpochMilli(), leadId);
    return new ErasureResult.ErasedLead(leadId, formId, delivery, crmRecordId);
  }

  /**
   * Unlinks leads from every subject, so that no later consent change of any subject queues an emptied lead for
   * delivery again.
   */
  static void unlink(Connection connection, String leadId) throws SQLException {
    Sql.execute(connection, "DELETE FROM lead_subjects WHERE lead_id = ?", leadId);
  }

  /** Deletes what confirmation mails of the subject or of its leads still need (address and links). */
  static int clearMailPayloads(Connection connection, String subjectKey, List<String> leadIds) throws SQLException {
    int cleared = Sql.execute(connection, "UPDATE doi_requests SET mail_payload = NULL WHERE subject_key = ?"
        + " AND mail_payload IS NOT NULL", subjectKey);
    for (String leadId : leadIds) {
      cleared += Sql.execute(connection, "UPDATE doi_requests SET mail_payload = NULL WHERE lead_id = ?"
          + " AND mail_payload IS NOT NULL", leadId);
    }
    return cleared;
  }

  /** Ends unconfirmed double opt-in requests: their links stop working (the person asked to be forgotten). */
  static void expireOpenRequests(Connection connection, String subjectKey, Instant now) throws SQLException {
    Sql.execute(connection, "UPDATE doi_requests SET expires_at = ? WHERE subject_key = ? AND used_at IS NULL"
        + " AND expires_at > ?", now.toEpochMilli(), subjectKey, now.toEpochMilli());
  }

  static void deleteWithdrawTokens(Connection connection, String subjectKey) throws SQLException {
    Sql.execute(connection, "DELETE FROM withdraw_tokens WHERE subject_key = ?", subjectKey);
  }

  static void markErased(Connection connection, String subjectKey, Instant now) throws SQLException {
    Sql.execute(connection, "UPDATE subject_keys SET erased_at = ? WHERE subject_key = ?", now.toEpochMilli(),
        subjectKey);
  }

}
