package org.leadgate.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.leadgate.storage.StorageFixtures.T0;
import static org.leadgate.storage.StorageFixtures.accept;
import static org.leadgate.storage.StorageFixtures.count;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.outbox.DeliveryLogPruner;
import org.leadgate.storage.DeliveryLog.Call;
import org.leadgate.storage.DeliveryLog.Entry;
import org.leadgate.storage.DeliveryLog.Status;
import org.leadgate.testing.MutableClock;

/** The delivery log as {@link LeadStore#record} writes it, read back, pruned and erased; one subclass per backend. */
abstract class DeliveryLogContract {
  private static final Call SLOW_503 = new Call(OptionalInt.of(503), Duration.ofMillis(830));
  private static final Call FAST_201 = new Call(OptionalInt.of(201), Duration.ofMillis(45));

  private final Backend backend;

  @TempDir
  Path tempDir;

  private Database database;
  private Transactions transactions;
  private LeadStore store;
  private DeliveryLog log;

  DeliveryLogContract(Backend backend) {
    this.backend = backend;
  }

  @BeforeEach
  void open() {
    database = Database.open(backend.freshDatabase(tempDir));
    transactions = new Transactions(database);
    store = new LeadStore(database, transactions, "generic-http", (connection, accept) -> List.of());
    log = new DeliveryLog(transactions);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private String stored(String email) throws SQLException {
    return store.acceptAll(List.of(accept(email, T0))).get(0).leadId();
  }

  private List<Entry> entries(String leadId) throws SQLException {
    return log.of(leadId).orElseThrow();
  }

  private long rows() throws SQLException {
    return count(database.dataSource(), "SELECT COUNT(*) FROM delivery_log");
  }

  @Test
  void eachRecordedAttemptIsLoggedWithWhatCameOfItOldestFirst() throws SQLException {
    String id = stored("ada@example.de");

    store.record(List.of(new LeadStore.AttemptResult.Retry(id, 0, 1, T0.plusSeconds(10), "CRM answered 503",
        SLOW_503)), T0.plusSeconds(1));
    store.record(List.of(new LeadStore.AttemptResult.Delivered(id, 0, 2, Optional.of("crm-1"), FAST_201)),
        T0.plusSeconds(11));

    assertEquals(List.of(
        new Entry(T0.plusSeconds(1), "generic-http", 0, 1, Status.RETRY, SLOW_503, Optional.of("CRM answered 503")),
        new Entry(T0.plusSeconds(11), "generic-http", 0, 2, Status.DELIVERED, FAST_201, Optional.empty())),
        entries(id));
  }

  @Test
  void deadLetterIsLoggedAsRejectedWithTheErrorAndAnUnmeasuredCallAsSuch() throws SQLException {
    String id = stored("ada@example.de");

    store.record(List.of(new LeadStore.AttemptResult.Dead(id, 0, 1, "CRM answered 400: Branche__c is required")),
        T0);

    assertEquals(List.of(new Entry(T0, "generic-http", 0, 1, Status.REJECTED, Call.UNMEASURED,
        Optional.of("CRM answered 400: Branche__c is required"))), entries(id));
  }

  @Test
  void leadsOfOneRoundAreLoggedEachUnderItsOwnId() throws SQLException {
    String delivered = stored("a@example.de");
    String retried = stored("b@example.de");

    store.record(List.of(new LeadStore.AttemptResult.Delivered(delivered, 0, 1, Optional.empty(), FAST_201),
        new LeadStore.AttemptResult.Retry(retried, 0, 1, T0.plusSeconds(5), "timeout", FAST_201)), T0);

    assertEquals(List.of(Status.DELIVERED), entries(delivered).stream().map(Entry::status).toList());
    assertEquals(List.of(Status.RETRY), entries(retried).stream().map(Entry::status).toList());
  }

  @Test
  void releasedLeadWasNotAttemptedAndIsNotLogged() throws SQLException {
    String id = stored("ada@example.de");

    store.record(List.of(new LeadStore.AttemptResult.Released(id, 0)), T0);

    assertEquals(List.of(), entries(id));
  }

  @Test
  void resultForASupersededRevisionIsLoggedNoMoreThanItIsRecorded() throws SQLException {
    String id = stored("ada@example.de");
    transactions.write(connection -> {
      store.requeue(connection, List.of(id), T0);
      return null;
    });

    store.record(List.of(new LeadStore.AttemptResult.Delivered(id, 0, 1, Optional.empty(), FAST_201)), T0);

    assertEquals(List.of(), entries(id));
    assertEquals("pending", StorageFixtures.outbox(database.dataSource(), id).status());
  }

  @Test
  void unknownLeadHasNoLogAtAll() throws SQLException {
    assertEquals(Optional.empty(), log.of("00000000-0000-0000-0000-000000000000"));
  }

  @Test
  void longErrorIsCutToItsFirstThousandCharacters() throws SQLException {
    String id = stored("ada@example.de");

    store.record(List.of(new LeadStore.AttemptResult.Dead(id, 0, 1, "x".repeat(5000))), T0);

    assertEquals("x".repeat(DeliveryLog.MAX_ERROR_CHARS) + "…", entries(id).get(0).error().orElseThrow());
    assertEquals(5000, StorageFixtures.outbox(database.dataSource(), id).lastError().length(),
        "the outbox keeps the whole error");
  }

  @Test
  void prunerDeletesOnlyRowsOlderThanTheRetentionAPageAtATime() throws SQLException {
    String id = stored("ada@example.de");
    for (int attempt = 1; attempt <= 3; attempt++) {
      store.record(List.of(new LeadStore.AttemptResult.Retry(id, 0, attempt, T0, "503", SLOW_503)),
          T0.plus(Duration.ofDays(attempt)));
    }
    MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(32)));

    try (DeliveryLogPruner pruner = new DeliveryLogPruner(log, Duration.ofDays(30), clock)) {
      assertEquals(1, pruner.runOnce(), "only the attempt of day 1 is older than 30 days");
      assertEquals(0, pruner.runOnce());
      assertEquals(List.of(2, 3), entries(id).stream().map(Entry::attempt).toList());
    }

    assertEquals(1, log.prune(T0.plus(Duration.ofDays(4)), 1), "at most a page");
    assertEquals(List.of(3), entries(id).stream().map(Entry::attempt).toList());
  }

  @Test
  void erasingALeadDeletesItsRowsOnly() throws SQLException {
    String erased = stored("ada@example.de");
    String kept = stored("grace@example.de");
    store.record(List.of(new LeadStore.AttemptResult.Delivered(erased, 0, 1, Optional.empty(), FAST_201),
        new LeadStore.AttemptResult.Delivered(kept, 0, 1, Optional.empty(), FAST_201)), T0);

    transactions.write(connection -> {
      DeliveryLog.erase(connection, erased);
      return null;
    });

    assertEquals(List.of(), entries(erased));
    assertEquals(1, entries(kept).size());
    assertEquals(1, rows());
  }

  @Test
  void logRowsMustBelongToAStoredLead() throws SQLException {
    assertThrows(SQLException.class, () -> transactions.write(connection -> {
      DeliveryLog.append(connection, "no-such-lead",
          new Entry(T0, "log", 0, 1, Status.DELIVERED, Call.UNMEASURED, Optional.empty()));
      return null;
    }));

    assertEquals(0, rows());
  }
}
