package org.leadgate.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.storage.StorageFixtures.T0;
import static org.leadgate.storage.StorageFixtures.accept;
import static org.leadgate.storage.StorageFixtures.again;
import static org.leadgate.storage.StorageFixtures.count;
import static org.leadgate.storage.StorageFixtures.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.config.StorageConfig;
import org.leadgate.pipeline.Outcome;

/** {@link Database} and {@link LeadStore} against a real database; one subclass per {@link Backend}. */
abstract class LeadStoreContract {
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final Backend backend;

  @TempDir
  Path tempDir;

  StorageConfig config;
  Database database;
  DataSource dataSource;
  LeadStore store;

  LeadStoreContract(Backend backend) {
    this.backend = backend;
  }

  @BeforeEach
  void openFreshDatabase() {
    config = backend.freshDatabase(tempDir);
    database = Database.open(config);
    dataSource = database.dataSource();
    store = new LeadStore(database, "log");
  }

  @AfterEach
  void closeDatabase() {
    if (database != null) {
      database.close();
    }
  }

  private long leads() throws SQLException {
    return count(dataSource, "SELECT COUNT(*) FROM leads");
  }

  private long submissions() throws SQLException {
    return count(dataSource, "SELECT COUNT(*) FROM submissions");
  }

  private long outboxRows() throws SQLException {
    return count(dataSource, "SELECT COUNT(*) FROM outbox");
  }

  /** Stores one lead received at {@code at} and returns its id. */
  private String stored(String email, Instant at) throws SQLException {
    return store.acceptAll(List.of(accept(email, at))).get(0).leadId();
  }

  private List<String> dueIds(Instant now) throws SQLException {
    return store.due(now, 50).stream().map(d -> d.lead().id()).toList();
  }

  private boolean claim(String leadId, Instant now, Instant leaseUntil) throws SQLException {
    return store.claim(List.of(leadId), now, leaseUntil).equals(List.of(leadId));
  }

  private void markDelivered(String leadId, int attempts, Optional<String> crmRecordId, Instant now)
      throws SQLException {
    store.record(List.of(new LeadStore.AttemptResult.Delivered(leadId, 0, attempts, crmRecordId)), now);
  }

  private void scheduleRetry(String leadId, int attempts, Instant nextAttempt, String error, Instant now)
      throws SQLException {
    store.record(List.of(new LeadStore.AttemptResult.Retry(leadId, 0, attempts, nextAttempt, error)), now);
  }

  private void markDead(String leadId, int attempts, String error, Instant now) throws SQLException {
    store.record(List.of(new LeadStore.AttemptResult.Dead(leadId, 0, attempts, error)), now);
  }

  // --- Database ---------------------------------------------------------------------------------------------------

  @Test
  void openMigratesAFreshDatabaseToAnEmptySchema() throws SQLException {
    assertEquals(0, leads());
    assertEquals(0, submissions());
    assertEquals(0, outboxRows());
    assertEquals(new LeadStore.OutboxCounts(0, 0, 0, 0), store.counts());
    assertTrue(database.isReachable());
  }

  @Test
  void reopeningAMigratedDatabaseKeepsItsLeads() throws SQLException {
    String id = stored("ada@example.de", T0);
    database.close();

    database = Database.open(config);
    store = new LeadStore(database, "log");

    assertEquals(List.of(id), store.due(T0, 10).stream().map(d -> d.lead().id()).toList());
  }

  @Test
  void closedDatabaseIsNotReachable() {
    database.close();

    assertFalse(database.isReachable());
  }

  // --- accepting --------------------------------------------------------------------------------------------------

  @Test
  void acceptStoresTheSubmissionItsLeadAndAPendingOutboxRow() throws SQLException {
    LeadStore.Accept accept = accept("contact", "ada@example.de", Optional.of("key-1"), T0);

    List<Outcome.Accepted> results = store.acceptAll(List.of(accept));

    assertEquals(List.of(new Outcome.Accepted(accept.lead().id(), false)), results);
    assertEquals(1, count(dataSource, "SELECT COUNT(*) FROM submissions WHERE form_id = ? AND idempotency_key = ?"
        + " AND body = ? AND content_type = ?", "contact", "key-1", accept.submission().body(),
        "application/x-www-form-urlencoded"));
    assertEquals(1, count(dataSource, "SELECT COUNT(*) FROM leads l JOIN submissions s ON s.id = l.submission_id"
        + " WHERE l.id = ? AND l.form_id = ?", accept.lead().id(), "contact"));
    StorageFixtures.OutboxRow row = outbox(dataSource, accept.lead().id());
    assertEquals("log", row.target());
    assertEquals("pending", row.status());
    assertEquals(0, row.attempts());
    assertEquals(T0, row.nextAttemptAt());
    assertEquals(new LeadStore.OutboxCounts(1, 0, 0, 0), store.counts());
  }

  @Test
  void storedLeadComesBackWithItsFieldsAndProvenance() throws SQLException {
    LeadStore.Accept accept = accept("ada@example.de", T0);
    store.acceptAll(List.of(accept));

    List<LeadStore.PendingDelivery> due = store.due(T0, 10);

    assertEquals(1, due.size());
    assertEquals(accept.lead(), due.get(0).lead());
    assertEquals(0, due.get(0).attempts());
  }

  @Test
  void batchIsOneTransactionSoAFailingSubmissionStoresNothing() throws SQLException {
    LeadStore.Accept good = accept("ada@example.de");
    LeadStore.Accept clash = new LeadStore.Accept(accept("grace@example.de").submission(), good.lead());

    assertThrows(SQLException.class, () -> store.acceptAll(List.of(good, clash)));

    assertEquals(0, leads());
    assertEquals(0, submissions());
    assertEquals(0, outboxRows());
  }

  @Test
  void sameIdempotencyKeyTwiceAnswersTheFirstLeadAsReplayedAndStoresNothingMore() throws SQLException {
    LeadStore.Accept first = accept("contact", "ada@example.de", Optional.of("key-1"), T0);
    store.acceptAll(List.of(first));

    List<Outcome.Accepted> second = store.acceptAll(List.of(again(first)));

    assertEquals(List.of(new Outcome.Accepted(first.lead().id(), true)), second);
    assertEquals(1, leads());
    assertEquals(1, submissions());
    assertEquals(1, outboxRows());
  }

  @Test
  void sameIdempotencyKeyTwiceInOneBatchStoresOneLead() throws SQLException {
    LeadStore.Accept first = accept("contact", "ada@example.de", Optional.of("key-1"), T0);

    List<Outcome.Accepted> results = store.acceptAll(List.of(first, again(first)));

    assertEquals(List.of(new Outcome.Accepted(first.lead().id(), false),
        new Outcome.Accepted(first.lead().id(), true)), results);
    assertEquals(1, leads());
    assertEquals(1, outboxRows());
  }

  @Test
  void sameIdempotencyKeyOnTwoFormsStoresTwoLeads() throws SQLException {
    LeadStore.Accept contact = accept("contact", "ada@example.de", Optional.of("key-1"), T0);
    LeadStore.Accept newsletter = accept("newsletter", "ada@example.de", Optional.of("key-1"), T0);

    List<Outcome.Accepted> results = store.acceptAll(List.of(contact, newsletter));

    assertEquals(List.of(new Outcome.Accepted(contact.lead().id(), false),
        new Outcome.Accepted(newsletter.lead().id(), false)), results);
    assertEquals(2, leads());
  }

  @Test
  void submissionsWithoutIdempotencyKeyAreNeverTakenForEachOther() throws SQLException {
    LeadStore.Accept first = accept("ada@example.de");

    store.acceptAll(List.of(first));
    List<Outcome.Accepted> second = store.acceptAll(List.of(again(first)));

    assertFalse(second.get(0).replayed());
    assertEquals(2, leads());
    assertEquals(2, outboxRows());
  }

  // --- due and claim ----------------------------------------------------------------------------------------------

  @Test
  void dueListsPendingLeadsWhoseTimeHasComeOldestFirstUpToTheLimit() throws SQLException {
    String second = stored("b@example.de", T0.plusSeconds(2));
    String first = stored("a@example.de", T0.plusSeconds(1));
    stored("later@example.de", T0.plusSeconds(60));

    assertEquals(List.of(first, second), dueIds(T0.plusSeconds(2)));
    assertEquals(List.of(first), store.due(T0.plusSeconds(10), 1).stream().map(d -> d.lead().id()).toList());
    assertEquals(List.of(), dueIds(T0));
  }

  @Test
  void claimedLeadIsNotClaimableAgainBeforeTheLeaseEndsButIsAfter() throws SQLException {
    String id = stored("ada@example.de", T0);

    assertTrue(claim(id, T0, T0.plus(LEASE)));

    assertFalse(claim(id, T0, T0.plus(LEASE)), "a second worker must not take a claimed lead");
    assertFalse(claim(id, T0.plus(LEASE).minusMillis(1), T0.plus(LEASE).plus(LEASE)));
    assertEquals(List.of(), dueIds(T0.plus(LEASE).minusMillis(1)));
    assertEquals(List.of(id), dueIds(T0.plus(LEASE)), "after the lease (a crashed worker) the lead is due again");
    assertTrue(claim(id, T0.plus(LEASE), T0.plus(LEASE).plus(LEASE)));
  }

  @Test
  void leadThatIsNotDueYetCannotBeClaimed() throws SQLException {
    String id = stored("ada@example.de", T0.plusSeconds(30));

    assertFalse(claim(id, T0, T0.plus(LEASE)));
  }

  @Test
  void unknownLeadCannotBeClaimed() throws SQLException {
    assertFalse(claim("no-such-lead", T0, T0.plus(LEASE)));
  }

  // --- outcomes of attempts ---------------------------------------------------------------------------------------

  @Test
  void deliveredLeadKeepsItsCrmIdAndIsNeitherDueNorClaimable() throws SQLException {
    String id = stored("ada@example.de", T0);
    claim(id, T0, T0.plus(LEASE));

    markDelivered(id, 1, Optional.of("00Q5g000001"), T0.plusSeconds(1));

    StorageFixtures.OutboxRow row = outbox(dataSource, id);
    assertEquals("delivered", row.status());
    assertEquals("00Q5g000001", row.crmRecordId());
    assertEquals(1, row.attempts());
    assertEquals(new LeadStore.OutboxCounts(0, 1, 0, 0), store.counts());
    assertEquals(List.of(), dueIds(T0.plus(Duration.ofDays(1))));
    assertFalse(claim(id, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2))));
  }

  @Test
  void deliveredWithoutCrmIdClearsTheLastError() throws SQLException {
    String id = stored("ada@example.de", T0);
    scheduleRetry(id, 1, T0.plusSeconds(2), "CRM answered 503", T0);

    markDelivered(id, 2, Optional.empty(), T0.plusSeconds(3));

    StorageFixtures.OutboxRow row = outbox(dataSource, id);
    assertNull(row.crmRecordId());
    assertNull(row.lastError());
    assertEquals(2, row.attempts());
  }

  @Test
  void retryIsDueAgainOnlyAtItsTimeWithAttemptsAndErrorKept() throws SQLException {
    String id = stored("ada@example.de", T0);
    claim(id, T0, T0.plus(LEASE));

    scheduleRetry(id, 1, T0.plusSeconds(30), "CRM answered 503", T0);

    assertEquals(List.of(), dueIds(T0.plusSeconds(29)));
    List<LeadStore.PendingDelivery> due = store.due(T0.plusSeconds(30), 10);
    assertEquals(List.of(id), due.stream().map(d -> d.lead().id()).toList());
    assertEquals(1, due.get(0).attempts());
    assertEquals("CRM answered 503", outbox(dataSource, id).lastError());
    assertEquals(new LeadStore.OutboxCounts(1, 0, 0, 0), store.counts());
  }

  @Test
  void deadLeadIsListedAsDeadLetterAndNotDue() throws SQLException {
    String id = stored("ada@example.de", T0);

    markDead(id, 3, "CRM rejected: missing LastName", T0.plusSeconds(5));

    assertEquals(List.of(new LeadStore.DeadLetter(id, "contact", 3, "CRM rejected: missing LastName",
        T0.plusSeconds(5))), store.deadLetters(10));
    assertEquals(new LeadStore.OutboxCounts(0, 0, 1, 0), store.counts());
    assertEquals(List.of(), dueIds(T0.plus(Duration.ofDays(1))));
  }

  @Test
  void deadLettersAreListedNewestFirstUpToTheLimit() throws SQLException {
    String older = stored("a@example.de", T0);
    String newer = stored("b@example.de", T0);
    String newest = stored("c@example.de", T0);
    markDead(newer, 1, "x", T0.plusSeconds(2));
    markDead(older, 1, "x", T0.plusSeconds(1));
    markDead(newest, 1, "x", T0.plusSeconds(3));

    assertEquals(List.of(newest, newer), store.deadLetters(2).stream().map(LeadStore.DeadLetter::leadId).toList());
  }

  @Test
  void replayedDeadLetterIsPendingAgainWithFreshAttempts() throws SQLException {
    String id = stored("ada@example.de", T0);
    markDead(id, 12, "gave up", T0.plusSeconds(1));

    assertTrue(store.replay(id, T0.plusSeconds(60)));

    List<LeadStore.PendingDelivery> due = store.due(T0.plusSeconds(60), 10);
    assertEquals(List.of(id), due.stream().map(d -> d.lead().id()).toList());
    assertEquals(0, due.get(0).attempts());
    assertEquals(List.of(), store.deadLetters(10));
    assertEquals(new LeadStore.OutboxCounts(1, 0, 0, 0), store.counts());
  }

  @Test
  void replayOfALeadThatIsNotDeadChangesNothing() throws SQLException {
    String pending = stored("a@example.de", T0);
    String delivered = stored("b@example.de", T0);
    markDelivered(delivered, 1, Optional.of("crm-1"), T0);

    assertFalse(store.replay(pending, T0.plusSeconds(1)));
    assertFalse(store.replay(delivered, T0.plusSeconds(1)));
    assertFalse(store.replay("no-such-lead", T0.plusSeconds(1)));

    assertEquals("delivered", outbox(dataSource, delivered).status());
    assertEquals(new LeadStore.OutboxCounts(1, 1, 0, 0), store.counts());
  }

  @Test
  void claimOfSeveralLeadsAnswersOnlyThoseItGot() throws SQLException {
    String free = stored("a@example.de", T0);
    String taken = stored("b@example.de", T0);
    String notYetDue = stored("c@example.de", T0.plusSeconds(60));
    assertTrue(claim(taken, T0, T0.plus(LEASE)));

    List<String> claimed = store.claim(List.of(free, taken, notYetDue, "no-such-lead"), T0, T0.plus(LEASE));

    assertEquals(List.of(free), claimed);
    assertEquals(List.of(notYetDue), dueIds(T0.plus(LEASE).minusMillis(1)), "the claimed leads wait for the lease");
  }

  @Test
  void resultsOfSeveralAttemptsAreRecordedTogether() throws SQLException {
    String delivered = stored("a@example.de", T0);
    String retried = stored("b@example.de", T0);
    String dead = stored("c@example.de", T0);
    store.claim(List.of(delivered, retried, dead), T0, T0.plus(LEASE));

    store.record(List.of(
        new LeadStore.AttemptResult.Delivered(delivered, 0, 1, Optional.of("crm-1")),
        new LeadStore.AttemptResult.Retry(retried, 0, 1, T0.plusSeconds(10), "503"),
        new LeadStore.AttemptResult.Dead(dead, 0, 1, "rejected")), T0.plusSeconds(1));

    assertEquals(new LeadStore.OutboxCounts(1, 1, 1, 0), store.counts());
    assertEquals("crm-1", outbox(dataSource, delivered).crmRecordId());
    assertEquals(List.of(retried), dueIds(T0.plusSeconds(10)));
    assertEquals("rejected", store.deadLetters(10).get(0).lastError());
  }

  @Test
  void countsTellEachStateApart() throws SQLException {
    stored("a@example.de", T0);
    stored("b@example.de", T0);
    String delivered = stored("c@example.de", T0);
    String dead = stored("d@example.de", T0);
    markDelivered(delivered, 1, Optional.empty(), T0);
    markDead(dead, 1, "no", T0);

    assertEquals(new LeadStore.OutboxCounts(2, 1, 1, 0), store.counts());
  }

  @Test
  void leadRowsMustReferToAStoredSubmission() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO leads (id, submission_id, form_id, received_at, fields) VALUES ('x', 'nope', 'c', 0, '{}')")) {
      assertThrows(SQLException.class, insert::executeUpdate, "foreign keys must be enforced");
    }

    assertEquals(0, leads());
  }
}
