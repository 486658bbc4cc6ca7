package org.leadgate.consent.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.leadgate.consent.Action;
import org.leadgate.consent.Actor;
import org.leadgate.consent.Channel;
import org.leadgate.consent.Evidence;
import org.leadgate.consent.LegalBasis;

/**
 * The append-only, tamper-evident consent ledger: one chain of events in {@code consent_events}, each carrying the
 * hash of the one before, with the head (last sequence number and hash) in {@code ledger_head}. Appends run inside
 * the caller's transaction and take the head's row lock first, so concurrent writers (also several gateways on one
 * PostgreSQL) append one after the other.
 */
public final class Ledger {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> ITEMS = new TypeReference<>() {};
  private static final String COLUMNS = "seq, id, occurred_at, subject_key, channel, purpose, action, legal_basis,"
      + " actor, lead_id, evidence, prev_hash, hash";

  private final SubjectKeys keys;

  public Ledger(SubjectKeys keys) {
    this.keys = keys;
  }

  public SubjectKeys keys() {
    return keys;
  }

  /**
   * Takes the head's row lock for the caller's transaction, as every append does. A transaction that decides on
   * what it reads before it appends takes it first, so that what it read cannot change meanwhile (on SQLite its
   * snapshot then cannot go stale before its first write).
   */
  public void lock(Connection connection) throws SQLException {
    lockedHead(connection);
  }

  /** The end of the chain, read while taking its row lock, in one statement. */
  private record Head(long seq, String hash) {}

  private static Head lockedHead(Connection connection) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(
        "UPDATE ledger_head SET last_seq = last_seq WHERE id = 1 RETURNING last_seq, last_hash");
        ResultSet rows = lock.executeQuery()) {
      rows.next();
      return new Head(rows.getLong(1), rows.getString(2));
    }
  }

  /** Appends events in order, in the caller's transaction, and answers them as stored. */
  public List<ConsentEvent> append(Connection connection, List<NewConsentEvent> events) throws SQLException {
    if (events.isEmpty()) {
      return List.of();
    }
    Head locked = lockedHead(connection);
    long seq = locked.seq();
    String previous = locked.hash();
    Map<String, Instant> subjects = new LinkedHashMap<>();
    events.forEach(event -> subjects.putIfAbsent(event.subjectKey(), event.at()));
    Map<String, byte[]> proofKeys = keys.proofKeys(connection, subjects);
    List<ConsentEvent> stored = new ArrayList<>(events.size());
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO consent_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (NewConsentEvent event : events) {
        seq++;
        String subjectKey = event.subjectKey();
        String evidence = SubjectKeys.encrypt(proofKeys.get(subjectKey), json(event.evidence()));
        String id = UUID.randomUUID().toString();
        String hash = ChainHash.of(seq, id, event.at().toEpochMilli(), subjectKey, event.channel().id(),
            event.purpose(), event.action().id(), event.basis().id(), event.actor().toString(),
            event.leadId().orElse(null), evidence, previous);
        insert.setLong(1, seq);
        insert.setString(2, id);
        insert.setLong(3, event.at().toEpochMilli());
        insert.setString(4, subjectKey);
        insert.setString(5, event.channel().id());
        insert.setString(6, event.purpose());
        insert.setString(7, event.action().id());
        insert.setString(8, event.basis().id());
        insert.setString(9, event.actor().toString());
        insert.setString(10, event.leadId().orElse(null));
        insert.setString(11, evidence);
        insert.setString(12, previous);
        insert.setString(13, hash);
        insert.addBatch();
        stored.add(new ConsentEvent(seq, id, event.at(), subjectKey, event.channel(), event.purpose(),
            event.action(), event.basis(), event.actor(), event.leadId(), Optional.of(event.evidence()), previous,
            hash));
        previous = hash;
      }
      insert.executeBatch();
    }
    try (PreparedStatement head = connection.prepareStatement(
        "UPDATE ledger_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
      head.setLong(1, seq);
      head.setString(2, previous);
      head.executeUpdate();
    }
    return stored;
  }

  /** A subject's events in ledger order, with evidence decrypted while its proof key exists. */
  public List<ConsentEvent> eventsOf(Connection connection, String subjectKey) throws SQLException {
    Optional<byte[]> proofKey = keys.proofKey(connection, subjectKey);
    List<ConsentEvent> events = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM consent_events WHERE subject_key = ? ORDER BY seq")) {
      select.setString(1, subjectKey);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          events.add(read(rows, proofKey));
        }
      }
    }
    return events;
  }

  /** Streams events of a time range in ledger order, decrypting evidence with each subject's proof key. */
  public void forEach(Connection connection, Instant from, Instant to, EventSink sink) throws SQLException {
    Map<String, Optional<byte[]>> proofKeys = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM consent_events WHERE occurred_at >= ? AND occurred_at < ? ORDER BY seq")) {
      select.setLong(1, from.toEpochMilli());
      select.setLong(2, to.toEpochMilli());
      select.setFetchSize(1000);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String subjectKey = rows.getString(4);
          Optional<byte[]> proofKey = proofKeys.get(subjectKey);
          if (proofKey == null) {
            proofKey = keys.proofKey(connection, subjectKey);
            proofKeys.put(subjectKey, proofKey);
          }
          sink.accept(read(rows, proofKey));
        }
      }
    }
  }

  /** Receives streamed events. */
  @FunctionalInterface
  public interface EventSink {
    void accept(ConsentEvent event) throws SQLException;
  }

  /** Walks the whole chain and reports the first broken link: a changed, missing or reordered event. */
  public Verification verify(Connection connection) throws SQLException {
    long expected = 1;
    String previous = ChainHash.GENESIS;
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM consent_events ORDER BY seq")) {
      select.setFetchSize(5000);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long seq = rows.getLong(1);
          if (seq != expected) {
            return new Verification.Broken(expected, "event " + expected + " is missing (next stored is " + seq + ")",
                expected - 1);
          }
          String storedPrevious = rows.getString(12);
          if (!storedPrevious.equals(previous)) {
            return new Verification.Broken(seq, "does not link to event " + (seq - 1)
                + " (removed, replaced or reordered)", expected - 1);
          }
          String hash = ChainHash.of(seq, rows.getString(2), rows.getLong(3), rows.getString(4), rows.getString(5),
              rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9), rows.getString(10),
              rows.getString(11), storedPrevious);
          if (!hash.equals(rows.getString(13))) {
            return new Verification.Broken(seq, "its content was changed after it was written", expected - 1);
          }
          previous = hash;
          expected++;
        }
      }
    }
    try (PreparedStatement head = connection.prepareStatement("SELECT last_seq, last_hash FROM ledger_head WHERE id = 1");
        ResultSet rows = head.executeQuery()) {
      rows.next();
      if (rows.getLong(1) != expected - 1 || !rows.getString(2).equals(previous)) {
        return new Verification.Broken(expected, "events after " + (expected - 1) + " are missing (the head is at "
            + rows.getLong(1) + ")", expected - 1);
      }
    }
    return new Verification.Intact(expected - 1);
  }

  /** Destroys a subject's proof key, so its evidence can no longer be read; the chain stays intact. */
  public void shred(Connection connection, String subjectKey) throws SQLException {
    SubjectKeys.destroy(connection, subjectKey);
  }

  private static ConsentEvent read(ResultSet rows, Optional<byte[]> proofKey) throws SQLException {
    String evidence = rows.getString(11);
    return new ConsentEvent(
        rows.getLong(1),
        rows.getString(2),
        Instant.ofEpochMilli(rows.getLong(3)),
        rows.getString(4),
        Channel.parse(rows.getString(5)).orElseThrow(),
        rows.getString(6),
        Action.parse(rows.getString(7)).orElseThrow(),
        LegalBasis.parse(rows.getString(8)).orElseThrow(),
        Actor.parse(rows.getString(9)),
        Optional.ofNullable(rows.getString(10)),
        proofKey.flatMap(key -> decrypt(key, evidence)),
        rows.getString(12),
        rows.getString(13));
  }

  private static Optional<Evidence> decrypt(byte[] key, String stored) {
    try {
      return Optional.of(new Evidence(JSON.readValue(SubjectKeys.decrypt(key, stored), ITEMS)));
    } catch (GeneralSecurityException | java.io.IOException e) {
      return Optional.empty();
    }
  }

  private static byte[] json(Evidence evidence) {
    try {
      return JSON.writeValueAsBytes(evidence.items());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }
}
