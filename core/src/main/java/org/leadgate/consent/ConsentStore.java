package org.leadgate.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of consent capture besides the ledger: DOI requests, withdrawal tokens, lead subjects. */
public final class ConsentStore {
  private ConsentStore() {}

  /** A double opt-in request as stored. */
  record DoiRequest(String tokenHash, String subjectKey, String purpose, String leadId, String formId,
      String wordingId, String messageId, Optional<String> mailPayload, Instant createdAt, Instant expiresAt,
      int mailAttempts, Optional<Instant> usedAt, Optional<Instant> mailSentAt, Optional<String> mailVersion) {}

  /** How many double opt-ins were started from an IP (by its key) since {@code since}. */
  static int requestsFromIp(Connection connection, String ipKey, Instant since) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT COUNT(*) FROM doi_requests WHERE ip_key = ? AND created_at >= ?")) {
      select.setString(1, ipKey);
      select.setLong(2, since.toEpochMilli());
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** What a withdrawal token stands for. */
  record WithdrawTarget(String subjectKey, Channel channel, String purpose) {}

  static void linkLead(Connection connection, String leadId, String subjectKey, Subject.Kind kind)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lead_subjects (lead_id, subject_key,"
        + " kind) VALUES (?, ?, ?) ON CONFLICT (lead_id, subject_key) DO NOTHING")) {
      insert.setString(1, leadId);
      insert.setString(2, subjectKey);
      insert.setString(3, kind.name());
      insert.executeUpdate();
    }
  }

  /** The subjects a lead's consents are about, by kind. */
  static List<String[]> subjectsOf(Connection connection, String leadId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT subject_key, kind FROM lead_subjects WHERE lead_id = ?")) {
      select.setString(1, leadId);
      List<String[]> subjects = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          subjects.add(new String[] {rows.getString(1), rows.getString(2)});
        }
      }
      return subjects;
    }
  }

  /** The leads linked to a subject, by id. */
  public static List<String> leadsOf(Connection connection, String subjectKey) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT lead_id FROM lead_subjects WHERE subject_key = ? ORDER BY lead_id")) {
      select.setString(1, subjectKey);
      List<String> leads = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          leads.add(rows.getString(1));
        }
      }
      return leads;
    }
  }

  /** When the newest unconfirmed, unexpired request for this subject and purpose was made. */
  static Optional<Instant> latestOpenRequest(Connection connection, String subjectKey, String purpose, Instant now)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT MAX(created_at) FROM doi_requests"
        + " WHERE subject_key = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?")) {
      select.setString(1, subjectKey);
      select.setString(2, purpose);
      select.setLong(3, now.toEpochMilli());
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        long latest = rows.getLong(1);
        return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(latest));
      }
    }
  }

  static void insertDoiRequest(Connection connection, DoiRequest request, Optional<String> ipKey)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO doi_requests (token_hash, subject_key,"
        + " purpose, lead_id, form_id, wording_id, message_id, mail_payload, created_at, expires_at, mail_status,"
        + " mail_attempts, next_mail_at, ip_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)")) {
      insert.setString(1, request.tokenHash());
      insert.setString(2, request.subjectKey());
      insert.setString(3, request.purpose());
      insert.setString(4, request.leadId());
      insert.setString(5, request.formId());
      insert.setString(6, request.wordingId());
      insert.setString(7, request.messageId());
      insert.setString(8, request.mailPayload().orElse(null));
      insert.setLong(9, request.createdAt().toEpochMilli());
      insert.setLong(10, request.expiresAt().toEpochMilli());
      insert.setLong(11, request.createdAt().toEpochMilli());
      insert.setString(12, ipKey.orElse(null));
      insert.executeUpdate();
    }
  }

  private static final String REQUEST_COLUMNS = "token_hash, subject_key, purpose, lead_id, form_id, wording_id,"
      + " message_id, mail_payload, created_at, expires_at, mail_attempts, used_at, mail_sent_at, mail_version";

  static Optional<DoiRequest> doiRequest(Connection connection, String tokenHash) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + REQUEST_COLUMNS + " FROM doi_requests WHERE token_hash = ?")) {
      select.setString(1, tokenHash);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(request(rows)) : Optional.empty();
      }
    }
  }

  /** Requests whose mail is due, oldest first. */
  static List<DoiRequest> dueMails(Connection connection, Instant now, int limit) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT " + REQUEST_COLUMNS + " FROM doi_requests"
        + " WHERE mail_status = 'pending' AND next_mail_at <= ? ORDER BY next_mail_at LIMIT ?")) {
      select.setLong(1, now.toEpochMilli());
      select.setInt(2, limit);
      List<DoiRequest> due = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          due.add(request(rows));
        }
      }
      return due;
    }
  }

  private static DoiRequest request(ResultSet rows) throws SQLException {
    long used = rows.getLong(12);
    Optional<Instant> usedAt = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(used));
    long sent = rows.getLong(13);
    Optional<Instant> sentAt = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(sent));
    return new DoiRequest(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
        rows.getString(5), rows.getString(6), rows.getString(7), Optional.ofNullable(rows.getString(8)),
        Instant.ofEpochMilli(rows.getLong(9)), Instant.ofEpochMilli(rows.getLong(10)), rows.getInt(11), usedAt,
        sentAt, Optional.ofNullable(rows.getString(14)));
  }

  /** The mail went out: its links now exist only in the person's inbox; when and which content is kept. */
  static void mailSent(Connection connection, String tokenHash, Instant at, String contentVersion)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE doi_requests SET mail_status = 'sent',"
        + " mail_payload = NULL, mail_sent_at = ?, mail_version = ? WHERE token_hash = ?")) {
      update.setLong(1, at.toEpochMilli());
      update.setString(2, contentVersion);
      update.setString(3, tokenHash);
      update.executeUpdate();
    }
  }

  static void mailRetry(Connection connection, String tokenHash, int attempts, Instant next, boolean giveUp)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE doi_requests SET mail_attempts = ?,"
        + " next_mail_at = ?, mail_status = ?, mail_payload = CASE WHEN ? THEN NULL ELSE mail_payload END"
        + " WHERE token_hash = ?")) {
      update.setInt(1, attempts);
      update.setLong(2, next.toEpochMilli());
      update.setString(3, giveUp ? "failed" : "pending");
      update.setBoolean(4, giveUp);
      update.setString(5, tokenHash);
      update.executeUpdate();
    }
  }

  /** Marks a request confirmed; false if it was used meanwhile (a replayed confirmation). */
  static boolean useRequest(Connection connection, String tokenHash, Instant now) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE doi_requests SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")) {
      update.setLong(1, now.toEpochMilli());
      update.setString(2, tokenHash);
      return update.executeUpdate() == 1;
    }
  }

  static void insertWithdrawToken(Connection connection, String tokenHash, String subjectKey, Channel channel,
      String purpose, Instant now) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO withdraw_tokens (token_hash,"
        + " subject_key, channel, purpose, created_at) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, tokenHash);
      insert.setString(2, subjectKey);
      insert.setString(3, channel.id());
      insert.setString(4, purpose);
      insert.setLong(5, now.toEpochMilli());
      insert.executeUpdate();
    }
  }

  static Optional<WithdrawTarget> withdrawTarget(Connection connection, String tokenHash) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT subject_key, channel, purpose FROM withdraw_tokens WHERE token_hash = ?")) {
      select.setString(1, tokenHash);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next()
            ? Optional.of(new WithdrawTarget(rows.getString(1), Channel.parse(rows.getString(2)).orElseThrow(),
                rows.getString(3)))
            : Optional.empty();
      }
    }
  }

  private static void update(Connection connection, String sql, String parameter) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, parameter);
      update.executeUpdate();
    }
  }
}
