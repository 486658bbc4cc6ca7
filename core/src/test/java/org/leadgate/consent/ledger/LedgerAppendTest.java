package org.leadgate.consent.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.leadgate.consent.Action;
import org.leadgate.consent.Actor;
import org.leadgate.consent.Channel;
import org.leadgate.consent.Evidence;
import org.leadgate.consent.LegalBasis;
import org.leadgate.consent.Subject;
import org.leadgate.storage.Backend;
import org.leadgate.storage.Database;
import org.leadgate.storage.Transactions;

/**
 * Proof keys of an append of many events on SQLite and PostgreSQL: the subjects' keys are looked up and created
 * together, and each event is still sealed under its own subject's key, created at the subject's first event.
 */
class LedgerAppendTest {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  @TempDir
  Path tempDir;

  private Database database;
  private Transactions transactions;
  private Ledger ledger;

  @AfterEach
  void close() {
    database.close();
  }

  private void open(Backend backend) throws SQLException {
    database = Database.open(backend.freshDatabase(tempDir));
    transactions = new Transactions(database);
    ledger = new Ledger(transactions.write(SubjectKeys::load));
  }

  private String subject(int n) {
    return ledger.keys().keyOf(Subject.email("person" + n + "@example.de"));
  }

  private static NewConsentEvent event(String subjectKey, int minute) {
    return new NewConsentEvent(T0.plus(Duration.ofMinutes(minute)), subjectKey, Channel.EMAIL, "newsletter",
        Action.REQUESTED, LegalBasis.CONSENT_DOI,
        new Evidence(Map.of(Evidence.IP, "203.0.113." + (minute % 250), Evidence.FORM_ID, "form-" + minute)),
        Actor.form("contact"), Optional.empty());
  }

  private List<ConsentEvent> append(List<NewConsentEvent> events) throws SQLException {
    return transactions.write(connection -> ledger.append(connection, events));
  }

  private byte[] proofKey(String subjectKey) throws SQLException {
    return transactions.read(connection -> ledger.keys().proofKey(connection, subjectKey)).orElseThrow();
  }

  private long createdAt(String subjectKey) throws SQLException {
    return transactions.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT created_at FROM subject_keys WHERE subject_key = ?")) {
        select.setString(1, subjectKey);
        try (ResultSet rows = select.executeQuery()) {
          assertTrue(rows.next(), "the subject has a key row");
          return rows.getLong(1);
        }
      }
    });
  }

  private long subjectKeyRows() throws SQLException {
    return transactions.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM subject_keys");
          ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    });
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anAppendOfHundredsOfSubjectsSealsEachEventUnderItsOwnSubjectsKey(Backend backend) throws Exception {
    open(backend);
    int subjects = 300; // more than one lookup query takes
    List<NewConsentEvent> known = new ArrayList<>();
    for (int n = 0; n < subjects; n += 2) {
      known.add(event(subject(n), n));
    }
    append(known);
    Map<String, byte[]> keysBefore = new HashMap<>();
    for (int n = 0; n < subjects; n += 2) {
      keysBefore.put(subject(n), proofKey(subject(n)));
    }

    // every subject twice, the known ones and new ones mixed
    List<NewConsentEvent> batch = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      for (int n = 0; n < subjects; n++) {
        batch.add(event(subject(n), 1000 + round * subjects + n));
      }
    }
    append(batch);

    List<NewConsentEvent> appended = new ArrayList<>(known);
    appended.addAll(batch);
    assertEquals(new Verification.Intact(appended.size()), transactions.read(ledger::verify));
    assertEquals(subjects, subjectKeyRows(), "one key per subject");
    for (int n = 0; n < subjects; n++) {
      String subjectKey = subject(n);
      List<ConsentEvent> events = transactions.read(connection -> ledger.eventsOf(connection, subjectKey));
      assertEquals(n % 2 == 0 ? 3 : 2, events.size());
      for (ConsentEvent read : events) {
        NewConsentEvent asAppended = appended.get((int) read.seq() - 1);
        assertEquals(asAppended.subjectKey(), read.subjectKey());
        assertEquals(Optional.of(asAppended.evidence()), read.evidence(),
            "the evidence of event " + read.seq() + " opens with its subject's key");
      }
      if (n % 2 == 0) {
        assertArrayEquals(keysBefore.get(subjectKey), proofKey(subjectKey), "a known subject keeps its key");
        assertEquals(T0.plus(Duration.ofMinutes(n)).toEpochMilli(), createdAt(subjectKey));
      } else {
        assertEquals(T0.plus(Duration.ofMinutes(1000 + n)).toEpochMilli(), createdAt(subjectKey),
            "a new key is created at the subject's first event of the append");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aSubjectWhoseKeyWasDestroyedGetsANewKeyInAnAppendWithOthers(Backend backend) throws Exception {
    open(backend);
    String ada = subject(1);
    String bob = subject(2);
    append(List.of(event(ada, 1), event(bob, 2)));
    byte[] bobsKey = proofKey(bob);
    transactions.write(connection -> {
      ledger.shred(connection, ada);
      return null;
    });

    append(List.of(event(bob, 3), event(ada, 4), event(subject(3), 5), event(ada, 6)));

    List<ConsentEvent> adas = transactions.read(connection -> ledger.eventsOf(connection, ada));
    assertFalse(adas.get(0).evidence().isPresent(), "what was sealed under the destroyed key stays unreadable");
    assertEquals(Optional.of(event(ada, 4).evidence()), adas.get(1).evidence());
    assertEquals(Optional.of(event(ada, 6).evidence()), adas.get(2).evidence());
    assertArrayEquals(bobsKey, proofKey(bob));
    assertEquals(3, subjectKeyRows());
    assertEquals(new Verification.Intact(6), transactions.read(ledger::verify));
  }
}
