package org.leadgate.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leadgate.storage.Sql;

/**
 * The SQL of consent capture besides the ledger: confirmation requests (by mail or SMS), withdrawal tokens, lead
 * subjects. The {@code mail_*} columns of {@code doi_requests} serve confirmation SMS as well.
 */
public final class ConsentStore {
  private ConsentStore() {}

  /**
   * A confirmation request as stored: a double opt-in by mail, or the confirmation of a phone number by SMS.
   *
   * @param channel the consent's channel: email requests are mailed, phone and SMS requests are texted
   * @param messageId the mail's Message-ID or the SMS's id, chosen before sending
   * @param payload what the message needs (address, links), sealed under the subject's key until it is sent
   * @param sentAt when the message went out
   * @param contentVersion the fingerprint of the message's template
   * @param gatewayMessageId the id the SMS gateway answered, if any
   */
  record DoiRequest(String tokenHash, String subjectKey, Channel channel, String purpose, String leadId,
      String formId, String wordingId, String messageId, Optional<String> payload, Instant createdAt,
      Instant expiresAt, int attempts, Optional<Instant> usedAt, Optional<Instant> sentAt,
      Optional<String> contentVersion, Optional<String> gatewayMessageId) {}

  /**
   * How many confirmations by mail (for {@link Subject.Kind#EMAIL}) or by SMS (for {@link Subject.Kind#PHONE}) were
   * started from an IP (by its key) since {@code since}.
   */
  static int requestsFromIp(Connection connection, String ipKey, Subject.Kind kind, Instant since)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM doi_requests WHERE ip_key = ?"
        + " AND created_at >= ? AND " + (kind == Subject.Kind.EMAIL ? "channel = 'email'" : "channel <> 'email'"))) {
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
    return Sql.column(connection, "SELECT lead_id FROM lead_subjects WHERE subject_key = ? ORDER BY lead_id",
        subjectKey);
  }

  /** When the newest unconfirmed, unexpired request for this subject, channel and purpose was made. */
  static Optional<Instant> latestOpenRequest(Connection connection, String subjectKey, Channel channel,
      String purpose, Instant now) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT MAX(created_at) FROM doi_requests"
        + " WHERE subject_key = ? AND channel = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?")) {
      select.setString(1, subjectKey);
      select.setString(2, channel.id());
      select.setString(3, purpose);
      select.setLong(4, now.toEpochMilli());
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
        + " channel, purpose, lead_id, form_id, wording_id, message_id, mail_payload, created_at, expires_at,"
        + " mail_status, mail_attempts, next_mail_at, ip_key)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)")) {
      insert.setString(1, request.tokenHash());
      insert.setString(2, request.subjectKey());
      insert.setString(3, request.channel().id());
      insert.setString(4, request.purpose());
      insert.setString(5, request.leadId());
      insert.setString(6, request.formId());
      insert.setString(7, request.wordingId());
      insert.setString(8, request.messageId());
      insert.setString(9, request.payload().orElse(null));
      insert.setLong(10, request.createdAt().toEpochMilli());
      insert.setLong(11, request.expiresAt().toEpochMilli());
      insert.setLong(12, request.createdAt().toEpochMilli());
      insert.setString(13, ipKey.orElse(null));
      insert.executeUpdate();
    }
  }

  private static final String REQUEST_COLUMNS = "token_hash, subject_key, channel, purpose, lead_id, form_id,"
      + " wording_id, message_id, mail_payload, created_at, expires_at, mail_attempts, used_at, mail_sent_at,"
      + " mail_version, gateway_message_id";

  static Optional<DoiRequest> doiRequest(Connection connection, String tokenHash) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + REQUEST_COLUMNS + " FROM doi_requests WHERE token_hash = ?")) {
      select.setString(1, tokenHash);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(request(rows)) : Optional.empty();
      }
    }
  }

  /** Requests whose message (mail or SMS) is due, oldest first. */
  static List<DoiRequest> dueRequests(Connection connection, Instant now, int limit) throws SQLException {
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
    long used = rows.getLong(13);
    Optional<Instant> usedAt = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(used));
    long sent = rows.getLong(14);
    Optional<Instant> sentAt = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(sent));
    return new DoiRequest(rows.getString(1), rows.getString(2),
        Channel.parse(rows.getString(3)).orElseThrow(() -> new IllegalStateException("unknown channel")),
        rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
        Optional.ofNullable(rows.getString(9)), Instant.ofEpochMilli(rows.getLong(10)),
        Instant.ofEpochMilli(rows.getLong(11)), rows.getInt(12), usedAt, sentAt,
        Optional.ofNullable(rows.getString(15)), Optional.ofNullable(rows.getString(16)));
  }

  /**
   * The message went out: its links now exist only in the person's inbox or on their phone; when, which content
   * and the SMS gateway's id (if any) are kept.
   */
  static void sent(Connection connection, String tokenHash, Instant at, String contentVersion,
      Optional<String> gatewayMessageId) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE doi_requests SET mail_status = 'sent',"
        + " mail_payload = NULL, mail_sent_at = ?, mail_version = ?, gateway_message_id = ? WHERE token_hash = ?")) {
      update.setLong(1, at.toEpochMilli());
      update.setString(2, contentVersion);
      update.setString(3, gatewayMessageId.orElse(null));
      update.setString(4, tokenHash);
      update.executeUpdate();
    }
  }

  static void retry(Connection connection, String tokenHash, int attempts, Instant next, boolean giveUp)
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
