package org.leadgate.consent.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.leadgate.consent.Action;
import org.leadgate.consent.Actor;
import org.leadgate.consent.Channel;
import org.leadgate.consent.Evidence;
import org.leadgate.consent.LegalBasis;
import org.leadgate.consent.Subject;
import org.leadgate.config.StorageConfig;
import org.leadgate.storage.Backend;
import org.leadgate.storage.Database;
import org.leadgate.storage.Transactions;

/**
 * The consent ledger's tamper evidence on SQLite and PostgreSQL: {@link Ledger#verify} finds a changed event (every
 * column, the encrypted evidence included), a deleted event (first, middle, last) and reordered events; and
 * concurrent appends keep one intact chain with gap-free sequence numbers.
 */
class LedgerTamperTest {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final int EVENTS = 10;

  @TempDir
  Path tempDir;

  private final List<Database> databases = new ArrayList<>();
  private Transactions transactions;
  private Ledger ledger;

  @AfterEach
  void close() {
    databases.forEach(Database::close);
  }

  private Database open(Backend backend) throws SQLException {
    return open(backend.freshDatabase(tempDir));
  }

  private Database open(StorageConfig config) throws SQLException {
    Database database = Database.open(config);
    databases.add(database);
    transactions = new Transactions(database);
    ledger = new Ledger(transactions.write(SubjectKeys::load));
    return database;
  }

  // ------------------------------------------------------------------------------------------ a sample ledger

  private String ada;
  private String bob;
  private String grace;

  /** Ten events of three subjects, appended in seven transactions (one of them appends three events). */
  private void sampleLedger(Backend backend) throws SQLException {
    open(backend);
    ada = ledger.keys().keyOf(Subject.email("ada@example.de"));
    bob = ledger.keys().keyOf(Subject.phone("+49301234567"));
    grace = ledger.keys().keyOf(Subject.email("grace@example.de"));
    append(event(ada, 1, Channel.EMAIL, Action.REQUESTED, "lead-1"));
    append(event(ada, 2, Channel.EMAIL, Action.CONFIRMED, "lead-1"));
    append(event(bob, 3, Channel.PHONE, Action.GRANTED, "lead-2"));
    append(event(grace, 4, Channel.EMAIL, Action.REQUESTED, "lead-3"),
        event(grace, 5, Channel.EMAIL, Action.CONFIRMED, "lead-3"),
        event(grace, 6, Channel.EMAIL, Action.WITHDRAWN, null));
    append(event(bob, 7, Channel.PHONE, Action.USED, null));
    append(event(ada, 8, Channel.EMAIL, Action.WITHDRAWN, null));
    append(event(bob, 9, Channel.PHONE, Action.OBJECTED, null), event(grace, 10, Channel.EMAIL, Action.REQUESTED,
        "lead-4"));
    assertEquals(new Verification.Intact(EVENTS), verify());
  }

  private static NewConsentEvent event(String subjectKey, int minute, Channel channel, Action action,
      String leadId) {
    return new NewConsentEvent(T0.plus(Duration.ofMinutes(minute)), subjectKey, channel, "newsletter", action,
        action == Action.GRANTED ? LegalBasis.CONSENT_DOCUMENTED
            : action == Action.REQUESTED || action == Action.CONFIRMED ? LegalBasis.CONSENT_DOI : LegalBasis.NONE,
        new Evidence(Map.of(Evidence.IP, "203.0.113." + minute, Evidence.FORM_ID, "contact")),
        action == Action.CONFIRMED ? Actor.person() : Actor.form("contact"), Optional.ofNullable(leadId));
  }

  private void append(NewConsentEvent... events) throws SQLException {
    transactions.write(connection -> ledger.append(connection, List.of(events)));
  }

  private Verification verify() throws SQLException {
    return transactions.read(ledger::verify);
  }

  private int sql(String sql, Object... parameters) throws SQLException {
    return transactions.write(connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < parameters.length; i++) {
          statement.setObject(i + 1, parameters[i]);
        }
        return statement.executeUpdate();
      }
    });
  }

  private String column(long seq, String column) throws SQLException {
    return transactions.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT " + column + " FROM consent_events WHERE seq = ?")) {
        select.setLong(1, seq);
        try (ResultSet rows = select.executeQuery()) {
          rows.next();
          return rows.getString(1);
        }
      }
    });
  }

  private static Verification.Broken broken(Verification verification) {
    return assertInstanceOf(Verification.Broken.class, verification);
  }

  // ------------------------------------------------------------------------------------------ changed events

  /** One way to change event 5 (grace, confirmed, with a lead id) or 6 (grace, withdrawn, without). */
  private record Change(String name, long seq, String sql, Object value) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> changes() {
    List<Change> changes = List.of(
        new Change("id", 5, "id", UUID.randomUUID().toString()),
        new Change("occurred_at (1 ms later)", 5, "occurred_at", T0.plus(Duration.ofMinutes(5)).toEpochMilli() + 1),
        new Change("subject_key", 5, "subject_key", "0".repeat(64)),
        new Change("channel", 5, "channel", "sms"),
        new Change("purpose", 5, "purpose", "offers"),
        new Change("action", 6, "action", "confirmed"),
        new Change("legal_basis", 6, "legal_basis", "presumed-b2b"),
        new Change("actor", 5, "actor", "admin:mallory"),
        new Change("lead_id set", 6, "lead_id", "lead-9"),
        new Change("lead_id changed", 5, "lead_id", "lead-9"),
        new Change("lead_id removed", 5, "lead_id", null),
        new Change("prev_hash", 5, "prev_hash", "f".repeat(64)),
        new Change("hash", 5, "hash", "e".repeat(64)));
    return Stream.of(Backend.values()).flatMap(b -> changes.stream().map(c -> Arguments.of(b, c)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("changes")
  void aChangedColumnIsFoundAtItsEvent(Backend backend, Change change) throws Exception {
    sampleLedger(backend);

    assertEquals(1, sql("UPDATE consent_events SET " + change.sql() + " = ? WHERE seq = ?", change.value(),
        change.seq()));

    Verification.Broken broken = broken(verify());
    assertEquals(change.seq(), broken.seq(), broken.problem());
    assertEquals(change.seq() - 1, broken.eventsCheckedBefore());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void changedEvidenceIsFoundWhetherGarbledReplacedOrCopied(Backend backend) throws Exception {
    sampleLedger(backend);
    String original = column(5, "evidence");

    // one character of the ciphertext garbled
    char[] garbled = original.toCharArray();
    garbled[20] = garbled[20] == 'A' ? 'B' : 'A';
    sql("UPDATE consent_events SET evidence = ? WHERE seq = 5", new String(garbled));
    assertEquals(5, broken(verify()).seq());

    // replaced by evidence that decrypts (sealed under the subject's own key), saying something else
    byte[] key = transactions.read(c -> ledger.keys().proofKey(c, grace)).orElseThrow();
    String forged = SubjectKeys.encrypt(key, "{\"ip\":\"198.51.100.66\",\"formId\":\"contact\"}"
        .getBytes(StandardCharsets.UTF_8));
    sql("UPDATE consent_events SET evidence = ? WHERE seq = 5", forged);
    assertEquals(5, broken(verify()).seq());

    // copied from another event of the same subject
    sql("UPDATE consent_events SET evidence = ? WHERE seq = 5", column(4, "evidence"));
    assertEquals(5, broken(verify()).seq());

    sql("UPDATE consent_events SET evidence = ? WHERE seq = 5", original);
    assertEquals(new Verification.Intact(EVENTS), verify(), "restored, it verifies again");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aChangedEventWhoseHashWasRecomputedBreaksTheLinkToTheNext(Backend backend) throws Exception {
    sampleLedger(backend);
    long at = T0.plus(Duration.ofMinutes(5)).toEpochMilli();
    String rehashed = ChainHash.of(5, column(5, "id"), at, grace, "email", "newsletter", "withdrawn", "none",
        column(5, "actor"), column(5, "lead_id"), column(5, "evidence"), column(5, "prev_hash"));

    sql("UPDATE consent_events SET action = 'withdrawn', legal_basis = 'none', hash = ? WHERE seq = 5", rehashed);

    Verification.Broken broken = broken(verify());
    assertEquals(6, broken.seq(), broken.problem());
    assertTrue(broken.problem().contains("does not link"), broken.problem());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aChangedLastEventWhoseHashWasRecomputedNoLongerMatchesTheHead(Backend backend) throws Exception {
    sampleLedger(backend);
    String rehashed = ChainHash.of(EVENTS, column(EVENTS, "id"), T0.plus(Duration.ofMinutes(EVENTS)).toEpochMilli(),
        grace, "email", "offers", "requested", "consent-doi", column(EVENTS, "actor"), column(EVENTS, "lead_id"),
        column(EVENTS, "evidence"), column(EVENTS, "prev_hash"));

    sql("UPDATE consent_events SET purpose = 'offers', hash = ? WHERE seq = ?", rehashed, EVENTS);

    assertInstanceOf(Verification.Broken.class, verify());
  }

  // ------------------------------------------------------------------------------------------ deleted events

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDeletedEventInTheMiddleIsFound(Backend backend) throws Exception {
    sampleLedger(backend);

    sql("DELETE FROM consent_events WHERE seq = 5");

    Verification.Broken broken = broken(verify());
    assertEquals(5, broken.seq());
    assertTrue(broken.problem().contains("missing"), broken.problem());
    assertEquals(4, broken.eventsCheckedBefore());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDeletedFirstEventIsFound(Backend backend) throws Exception {
    sampleLedger(backend);

    sql("DELETE FROM consent_events WHERE seq = 1");

    assertEquals(1, broken(verify()).seq());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDeletedLastEventIsFoundThroughTheHead(Backend backend) throws Exception {
    sampleLedger(backend);

    sql("DELETE FROM consent_events WHERE seq = ?", EVENTS);

    Verification.Broken broken = broken(verify());
    assertEquals(EVENTS, broken.seq(), broken.problem());
    assertEquals(EVENTS - 1, broken.eventsCheckedBefore());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDeletedEventWithTheRestRenumberedIsFound(Backend backend) throws Exception {
    sampleLedger(backend);

    sql("DELETE FROM consent_events WHERE seq = 5");
    for (long seq = 6; seq <= EVENTS; seq++) {
      sql("UPDATE consent_events SET seq = ? WHERE seq = ?", seq - 1, seq);
    }
    sql("UPDATE ledger_head SET last_seq = ? WHERE id = 1", EVENTS - 1);

    Verification.Broken broken = broken(verify());
    assertEquals(5, broken.seq());
    assertTrue(broken.problem().contains("does not link"), broken.problem());
  }

  // ---------------------------------------------------------------------------------------- reordered events

  @ParameterizedTest
  @EnumSource(Backend.class)
  void twoEventsWithTheirContentsSwappedAreFound(Backend backend) throws Exception {
    sampleLedger(backend);
    String columns = "id, occurred_at, subject_key, channel, purpose, action, legal_basis, actor, lead_id, evidence,"
        + " prev_hash, hash";

    transactions.write(connection -> {
      List<Object[]> rows = new ArrayList<>();
      for (long seq : new long[] {4, 7}) {
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT " + columns + " FROM consent_events WHERE seq = ?")) {
          select.setLong(1, seq);
          try (ResultSet result = select.executeQuery()) {
            result.next();
            Object[] row = new Object[12];
            for (int i = 0; i < row.length; i++) {
              row[i] = result.getObject(i + 1);
            }
            rows.add(row);
          }
        }
      }
      try (PreparedStatement move = connection.prepareStatement("UPDATE consent_events SET seq = ? WHERE seq = ?")) {
        move.setLong(1, -7);
        move.setLong(2, 7);
        move.executeUpdate();
        move.setLong(1, 7);
        move.setLong(2, 4);
        move.executeUpdate();
        move.setLong(1, 4);
        move.setLong(2, -7);
        move.executeUpdate();
      }
      // the rows now stand at each other's place, with all their contents (id, hashes, evidence)
      assertEquals(rows.get(0)[0], columnIn(connection, 7, "id"));
      assertEquals(rows.get(1)[0], columnIn(connection, 4, "id"));
      return null;
    });

    Verification.Broken broken = broken(verify());
    assertEquals(4, broken.seq(), broken.problem());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void twoNeighboursWithTheirContentsSwappedAreFound(Backend backend) throws Exception {
    sampleLedger(backend);

    transactions.write(connection -> {
      try (PreparedStatement move = connection.prepareStatement("UPDATE consent_events SET seq = ? WHERE seq = ?")) {
        for (long[] step : new long[][] {{-1, 5}, {5, 6}, {6, -1}}) {
          move.setLong(1, step[0]);
          move.setLong(2, step[1]);
          move.executeUpdate();
        }
      }
      return null;
    });

    assertEquals(5, broken(verify()).seq());
  }

  private static String columnIn(Connection connection, long seq, String column) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + column + " FROM consent_events WHERE seq = ?")) {
      select.setLong(1, seq);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  // ------------------------------------------------------------------------------------------ shredding

  @ParameterizedTest
  @EnumSource(Backend.class)
  void shreddingAProofKeyLeavesTheChainIntact(Backend backend) throws Exception {
    sampleLedger(backend);

    transactions.write(connection -> {
      ledger.shred(connection, grace);
      return null;
    });

    assertEquals(new Verification.Intact(EVENTS), verify());
    assertTrue(transactions.read(c -> ledger.eventsOf(c, grace)).stream().allMatch(e -> e.evidence().isEmpty()));
    assertTrue(transactions.read(c -> ledger.eventsOf(c, ada)).stream().allMatch(e -> e.evidence().isPresent()));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anEmptyLedgerVerifies(Backend backend) throws Exception {
    open(backend);

    assertEquals(new Verification.Intact(0), verify());
  }

  // ---------------------------------------------------------------------------------------- concurrent appends

  @ParameterizedTest
  @EnumSource(Backend.class)
  void concurrentAppendsKeepOneIntactGapFreeChain(Backend backend) throws Exception {
    open(backend);
    int threads = 8;
    int transactionsPerThread = 40;

    List<Integer> appended = runConcurrently(threads, thread -> {
      int count = 0;
      for (int i = 0; i < transactionsPerThread; i++) {
        int events = 1 + ThreadLocalRandom.current().nextInt(3);
        List<NewConsentEvent> batch = new ArrayList<>();
        for (int e = 0; e < events; e++) {
          String subject = ledger.keys().keyOf(Subject.email("t" + thread + "-" + (i % 5) + "@example.de"));
          batch.add(event(subject, i, Channel.EMAIL, Action.REQUESTED, null));
        }
        transactions.write(connection -> ledger.append(connection, batch));
        count += events;
      }
      return count;
    });

    assertChain(appended.stream().mapToInt(Integer::intValue).sum());
  }

  /** Several gateways on one PostgreSQL database: separate pools and ledgers append to the one chain. */
  @Test
  void concurrentAppendsFromSeveralGatewaysOnOnePostgresqlKeepOneChain() throws Exception {
    StorageConfig config = Backend.POSTGRESQL.freshDatabase(tempDir);
    Database first = open(config);
    Database second = Database.open(config);
    databases.add(second);
    List<Transactions> gateways = List.of(new Transactions(first), new Transactions(second));
    List<Ledger> ledgers = List.of(ledger, new Ledger(gateways.get(1).write(SubjectKeys::load)));

    List<Integer> appended = runConcurrently(8, thread -> {
      Ledger mine = ledgers.get(thread % 2);
      for (int i = 0; i < 50; i++) {
        NewConsentEvent event = event(mine.keys().keyOf(Subject.phone("+4930" + thread + "" + (i % 7))), i,
            Channel.PHONE, Action.GRANTED, null);
        gateways.get(thread % 2).write(c -> mine.append(c, List.of(event)));
      }
      return 50;
    });

    assertChain(appended.stream().mapToInt(Integer::intValue).sum());
  }

  @FunctionalInterface
  private interface Worker {
    int run(int thread) throws Exception;
  }

  private List<Integer> runConcurrently(int threads, Worker worker) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit((Callable<Integer>) () -> {
          start.await();
          return worker.run(thread);
        }));
      }
      start.countDown();
      List<Integer> results = new ArrayList<>();
      for (Future<Integer> future : futures) {
        results.add(future.get(120, java.util.concurrent.TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private void assertChain(long expected) throws SQLException {
    assertEquals(new Verification.Intact(expected), verify());
    List<Long> stats = transactions.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT COUNT(*), MIN(seq), MAX(seq), COUNT(DISTINCT seq) FROM consent_events");
          ResultSet rows = select.executeQuery()) {
        rows.next();
        return List.of(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
      }
    });
    assertEquals(List.of(expected, 1L, expected, expected), stats, "count, first, last, distinct: no gaps");
    List<String> head = transactions.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT h.last_seq, h.last_hash = e.hash FROM ledger_head h JOIN consent_events e ON e.seq = h.last_seq");
          ResultSet rows = select.executeQuery()) {
        rows.next();
        return List.of(rows.getString(1), String.valueOf(rows.getBoolean(2)));
      }
    });
    assertEquals(List.of(String.valueOf(expected), "true"), head);
  }
}
