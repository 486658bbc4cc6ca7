package org.leadgate.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.storage.StorageFixtures.outbox;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.config.DeliveryConfig;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.storage.Backend;
import org.leadgate.storage.Database;
import org.leadgate.storage.DeliveryLog;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.StorageFixtures;
import org.leadgate.storage.StorageFixtures.OutboxRow;
import org.leadgate.storage.Transactions;
import org.leadgate.testing.FakeCrmAdapter;
import org.leadgate.testing.MutableClock;

/** One {@link DeliveryWorker#runOnce()} at a time against a real SQLite outbox, a fake CRM and a test clock. */
class DeliveryWorkerTest {
  private static final long SEED = 42;
  private static final DeliveryConfig CONFIG = new DeliveryConfig(3, Duration.ofSeconds(10), Duration.ofMinutes(10),
      Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofDays(30));

  @TempDir
  Path tempDir;

  private final MutableClock clock = MutableClock.atFixedStart();
  private final FakeCrmAdapter crm = new FakeCrmAdapter();
  private Database database;
  private LeadStore store;
  private DeliveryWorker worker;

  @BeforeEach
  void open() {
    database = Database.open(Backend.SQLITE.freshDatabase(tempDir));
    store = new LeadStore(database, "fake");
    worker = workerFor(crm);
  }

  /** A worker on the shared outbox and clock that delivers through the delivery pipeline to {@code target}. */
  private DeliveryWorker workerFor(FakeCrmAdapter target) {
    return new DeliveryWorker(store, throughPipeline(target), CONFIG, backoff(), clock);
  }

  private static DeliveryWorker.Attempt throughPipeline(FakeCrmAdapter target) {
    return (pending, attempt) -> HandOver.deliverAll(target,
        List.of(new Delivery(pending.lead(), pending.idempotencyKey(), attempt, pending.crmRecordId()))).get(0);
  }

  /** How often {@code leadId} was handed to any of the CRMs. */
  private static int deliveries(String leadId, FakeCrmAdapter... targets) {
    int count = 0;
    for (FakeCrmAdapter target : targets) {
      count += target.deliveriesOf(leadId).size();
    }
    return count;
  }

  @AfterEach
  void close() {
    worker.close();
    database.close();
  }

  /** A backoff that gives the same waits as the worker's, to know when a retry is due. */
  private static Backoff backoff() {
    return new Backoff(CONFIG.initialBackoff(), CONFIG.maxBackoff(), new SplittableRandom(SEED));
  }

  /** Stores a lead received now and returns its id. */
  private String newLead(String email) throws SQLException {
    return store.acceptAll(List.of(StorageFixtures.accept(email, clock.instant()))).get(0).leadId();
  }

  private OutboxRow row(String leadId) throws SQLException {
    return outbox(database.dataSource(), leadId);
  }

  /** A worker that hands leads to {@code target} in batches, as the gateway does for a batching adapter. */
  private DeliveryWorker batchingWorker(FakeCrmAdapter target, List<Integer> batchSizes, int limit, Duration linger) {
    return new DeliveryWorker(store, DeliveryWorker.Preparation.NONE, batch -> {
      batchSizes.add(batch.size());
      return HandOver.deliverAll(target, batch.stream().map(t -> new Delivery(t.pending().lead(),
          t.pending().idempotencyKey(), t.number(), t.pending().crmRecordId())).toList());
    }, new DeliveryWorker.Batching(limit, linger), CONFIG, backoff(), clock);
  }

  @Test
  void aBatchingAdapterGetsTheLeadsInBatchesOfItsLimitAndEachLeadItsOwnResult() throws SQLException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(newLead("lead" + i + "@example.de"));
    }
    crm.answer(DeliveryResult.delivered("a"), DeliveryResult.rejected("bad email"), DeliveryResult.delivered("c"),
        DeliveryResult.retry("locked"), DeliveryResult.delivered("e"));
    List<Integer> batches = new ArrayList<>();

    try (DeliveryWorker batching = batchingWorker(crm, batches, 2, Duration.ZERO)) {
      assertEquals(5, batching.runOnce());
    }

    assertEquals(List.of(2, 2, 1), batches);
    assertEquals("delivered", row(ids.get(0)).status());
    assertEquals("dead", row(ids.get(1)).status());
    assertEquals("c", row(ids.get(2)).crmRecordId());
    assertEquals("pending", row(ids.get(3)).status());
    assertEquals("delivered", row(ids.get(4)).status());
  }

  @Test
  void freshLeadsWaitUpToTheLingerTimeForABatchToFill() throws SQLException {
    List<Integer> batches = new ArrayList<>();
    try (DeliveryWorker batching = batchingWorker(crm, batches, 3, Duration.ofSeconds(2))) {
      newLead("ada@example.de");
      newLead("grace@example.de");
      assertEquals(0, batching.runOnce(), "two fresh leads wait for a third");

      clock.advance(Duration.ofSeconds(1));
      newLead("hedy@example.de");
      assertEquals(3, batching.runOnce(), "a full batch goes at once");

      newLead("joan@example.de");
      assertEquals(0, batching.runOnce());
      clock.advance(Duration.ofSeconds(2));
      assertEquals(1, batching.runOnce(), "after the linger time a lone lead goes too");
    }
    assertEquals(List.of(3, 1), batches);
  }

  @Test
  void anAdapterWithALargerLimitGetsRoundsOfThatSize() throws SQLException {
    for (int i = 0; i < 450; i++) {
      newLead("lead" + i + "@example.de");
    }
    List<Integer> batches = new ArrayList<>();

    try (DeliveryWorker bulk = batchingWorker(crm, batches, 1000, Duration.ZERO)) {
      assertEquals(450, bulk.runOnce());
    }

    assertEquals(List.of(450), batches, "one call, not rounds of 200");
  }

  @Test
  void deliveredLeadIsMarkedDeliveredWithItsCrmId() throws SQLException {
    String id = newLead("ada@example.de");
    crm.answer(DeliveryResult.delivered("00Q123"));

    assertEquals(1, worker.runOnce());

    OutboxRow row = row(id);
    assertEquals("delivered", row.status());
    assertEquals("00Q123", row.crmRecordId());
    assertEquals(1, row.attempts());
    Delivery delivery = crm.deliveries().get(0);
    assertEquals(1, delivery.attempt());
    assertEquals(id, delivery.lead().id());
    assertEquals("ada@example.de", delivery.lead().value("email").orElseThrow());
  }

  @Test
  void nothingDueMeansNothingAttempted() throws SQLException {
    assertEquals(0, worker.runOnce());
    assertEquals(List.of(), crm.deliveries());
  }

  @Test
  void passingFailureIsRetriedOnlyOnceTheBackoffHasPassed() throws SQLException {
    String id = newLead("ada@example.de");
    Instant failedAt = clock.instant();
    Duration wait = backoff().after(1);
    crm.answer(DeliveryResult.retry("CRM answered 503"));

    worker.runOnce();

    OutboxRow row = row(id);
    assertEquals("pending", row.status());
    assertEquals(1, row.attempts());
    assertEquals("CRM answered 503", row.lastError());
    assertEquals(failedAt.plus(wait), row.nextAttemptAt());

    clock.set(failedAt.plus(wait).minusMillis(1));
    assertEquals(0, worker.runOnce(), "not due before the backoff has passed");
    clock.set(failedAt.plus(wait));
    assertEquals(1, worker.runOnce());

    assertEquals("delivered", row(id).status());
    assertEquals(List.of(1, 2), crm.deliveriesOf(id).stream().map(Delivery::attempt).toList());
    assertEquals(1, crm.deliveriesOf(id).stream().map(Delivery::idempotencyKey).distinct().count(),
        "the idempotency key is stable across attempts");
  }

  @Test
  void retryAfterLongerThanTheBackoffWins() throws SQLException {
    String id = newLead("ada@example.de");
    Instant failedAt = clock.instant();
    crm.answer(DeliveryResult.retry("429 Too Many Requests", Duration.ofHours(1)));

    worker.runOnce();

    assertEquals(failedAt.plus(Duration.ofHours(1)), row(id).nextAttemptAt());
    clock.advance(Duration.ofMinutes(59));
    assertEquals(0, worker.runOnce());
    clock.advance(Duration.ofMinutes(1));
    assertEquals(1, worker.runOnce());
  }

  @Test
  void retryAfterShorterThanTheBackoffDoesNotShortenIt() throws SQLException {
    String id = newLead("ada@example.de");
    Instant failedAt = clock.instant();
    crm.answer(DeliveryResult.retry("429 Too Many Requests", Duration.ofMillis(1)));

    worker.runOnce();

    assertEquals(failedAt.plus(backoff().after(1)), row(id).nextAttemptAt());
  }

  @Test
  void leadIsDeadLetteredWhenTheAttemptsRunOut() throws SQLException {
    String id = newLead("ada@example.de");
    crm.otherwise(delivery -> DeliveryResult.retry("CRM answered 503"));

    for (int i = 0; i < CONFIG.maxAttempts(); i++) {
      assertEquals(1, worker.runOnce(), "attempt " + (i + 1));
      clock.advance(CONFIG.maxBackoff());
    }
    assertEquals(0, worker.runOnce(), "a dead lead is not attempted again");

    OutboxRow row = row(id);
    assertEquals("dead", row.status());
    assertEquals(CONFIG.maxAttempts(), row.attempts());
    assertTrue(row.lastError().contains("gave up after " + CONFIG.maxAttempts()), row.lastError());
    assertTrue(row.lastError().contains("CRM answered 503"), row.lastError());
    assertEquals(List.of(id), store.deadLetters(10).stream().map(LeadStore.DeadLetter::leadId).toList());
    assertEquals(CONFIG.maxAttempts(), crm.deliveries().size());
  }

  @Test
  void deferredLeadKeepsItsAttemptsAndIsDueAgainAfterTheWaitWithoutADeliveryLogEntry() throws SQLException {
    String id = newLead("ada@example.de");
    Instant deferredAt = clock.instant();
    crm.answer(DeliveryResult.retry("CRM answered 503"));
    worker.runOnce();
    clock.advance(CONFIG.maxBackoff());
    crm.answer(new DeliveryResult.Deferred("API share spent; paused until 11:00", Duration.ofHours(1)));

    assertEquals(1, worker.runOnce());

    OutboxRow row = row(id);
    assertEquals("pending", row.status());
    assertEquals(1, row.attempts(), "a deferral spends no attempt");
    assertEquals("API share spent; paused until 11:00", row.lastError());
    assertEquals(deferredAt.plus(CONFIG.maxBackoff()).plus(Duration.ofHours(1)), row.nextAttemptAt());
    assertEquals(List.of(DeliveryLog.Status.RETRY), logOf(id).stream().map(DeliveryLog.Entry::status).toList(),
        "no call was made, so nothing is logged");

    clock.advance(Duration.ofMinutes(59));
    assertEquals(0, worker.runOnce(), "not due before the wait has passed");
    clock.advance(Duration.ofMinutes(1));
    assertEquals(1, worker.runOnce());
    assertEquals("delivered", row(id).status());
    assertEquals(List.of(1, 2, 2), crm.deliveriesOf(id).stream().map(Delivery::attempt).toList(),
        "the attempt after a deferral has the number the deferred one had");
  }

  @Test
  void leadsDeferredFarMoreOftenThanMaxAttemptsAreNeverDeadLettered() throws SQLException {
    String id = newLead("ada@example.de");
    crm.otherwise(delivery -> new DeliveryResult.Deferred("circuit breaker is open", Duration.ofSeconds(30)));

    for (int i = 0; i < 3 * CONFIG.maxAttempts(); i++) {
      assertEquals(1, worker.runOnce(), "deferral " + (i + 1));
      clock.advance(Duration.ofSeconds(30));
    }

    assertEquals("pending", row(id).status());
    assertEquals(0, row(id).attempts());
    assertEquals(List.of(), store.deadLetters(10));
  }

  @Test
  void aDeferralWaitsAtLeastThePollIntervalSoTheLeadIsNotHandedOverAgainInTheSameInstant() throws SQLException {
    String id = newLead("ada@example.de");
    crm.otherwise(delivery -> new DeliveryResult.Deferred("paused", Duration.ZERO));

    assertEquals(1, worker.runOnce());
    assertEquals(0, worker.runOnce(), "not due again at once");

    assertEquals(clock.instant().plus(CONFIG.pollInterval()), row(id).nextAttemptAt());
  }

  @Test
  void anAdapterAskingToWaitLongerThanADayIsTriedAgainAfterADay() throws SQLException {
    String deferred = newLead("ada@example.de");
    String retried = newLead("grace@example.de");
    crm.answer(new DeliveryResult.Deferred("paused", Duration.ofSeconds(Long.MAX_VALUE)),
        DeliveryResult.retry("429", Duration.ofDays(365 * 1000L)));

    assertEquals(2, worker.runOnce());

    assertEquals(clock.instant().plus(DeliveryWorker.LONGEST_WAIT), row(deferred).nextAttemptAt());
    assertEquals(clock.instant().plus(DeliveryWorker.LONGEST_WAIT), row(retried).nextAttemptAt());
    assertEquals(1, row(retried).attempts());
  }

  @Test
  void aRoundWithADeferredAndADeliveredLeadRecordsEachAsItWent() throws SQLException {
    String deferred = newLead("ada@example.de");
    String delivered = newLead("grace@example.de");
    crm.answer(new DeliveryResult.Deferred("paused", Duration.ofMinutes(5)), DeliveryResult.delivered("crm-2"));

    assertEquals(2, worker.runOnce());

    assertEquals("pending", row(deferred).status());
    assertEquals(0, row(deferred).attempts());
    assertEquals("delivered", row(delivered).status());
    assertEquals(List.of(), logOf(deferred));
    assertEquals(List.of(DeliveryLog.Status.DELIVERED),
        logOf(delivered).stream().map(DeliveryLog.Entry::status).toList());
  }

  @Test
  void rejectedLeadIsDeadLetteredAtOnceWithTheReasonKept() throws SQLException {
    String id = newLead("ada@example.de");
    crm.answer(DeliveryResult.rejected("REQUIRED_FIELD_MISSING: LastName"));

    worker.runOnce();
    clock.advance(Duration.ofDays(1));
    worker.runOnce();

    assertEquals(1, crm.deliveries().size());
    List<LeadStore.DeadLetter> dead = store.deadLetters(10);
    assertEquals(1, dead.size());
    assertEquals(id, dead.get(0).leadId());
    assertEquals(1, dead.get(0).attempts());
    assertEquals("REQUIRED_FIELD_MISSING: LastName", dead.get(0).lastError());
  }

  @Test
  void replayedDeadLetterIsDeliveredOnTheNextRun() throws SQLException {
    String id = newLead("ada@example.de");
    crm.answer(DeliveryResult.rejected("mapping error"));
    worker.runOnce();

    clock.advance(Duration.ofHours(2));
    assertTrue(store.replay(id, clock.instant()));
    assertEquals(1, worker.runOnce());

    assertEquals("delivered", row(id).status());
    assertEquals(List.of(1, 1), crm.deliveriesOf(id).stream().map(Delivery::attempt).toList(),
        "a replay starts counting attempts afresh");
    assertEquals(new LeadStore.OutboxCounts(0, 1, 0, 0), store.counts());
  }

  @Test
  void adapterThatThrowsIsRetriedNotLost() throws SQLException {
    String id = newLead("ada@example.de");
    crm.fail(new IllegalStateException("bug in the adapter"));

    assertEquals(1, worker.runOnce());

    OutboxRow row = row(id);
    assertEquals("pending", row.status());
    assertEquals(1, row.attempts());
    assertTrue(row.lastError().contains("IllegalStateException"), row.lastError());

    clock.advance(CONFIG.maxBackoff());
    assertEquals(1, worker.runOnce());
    assertEquals("delivered", row(id).status());
  }

  @Test
  void adapterThatAnswersNullIsRetriedNotLost() throws SQLException {
    String id = newLead("ada@example.de");
    crm.answer((DeliveryResult) null);

    worker.runOnce();

    assertEquals("pending", row(id).status());
    assertEquals(1, row(id).attempts());
  }

  @Test
  void eachLeadIsDeliveredExactlyOnceAcrossRuns() throws SQLException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(newLead("lead" + i + "@example.de"));
    }
    crm.answer(DeliveryResult.retry("flaky"), DeliveryResult.delivered("x"), DeliveryResult.retry("flaky"));

    for (int run = 0; run < 6; run++) {
      worker.runOnce();
      clock.advance(CONFIG.maxBackoff());
    }

    for (String id : ids) {
      long delivered = crm.deliveriesOf(id).size() - row(id).attempts() + 1;
      assertEquals("delivered", row(id).status(), id);
      assertEquals(1, delivered, "exactly one successful delivery of " + id);
    }
    assertEquals(new LeadStore.OutboxCounts(0, 5, 0, 0), store.counts());
    assertEquals(7, crm.deliveries().size(), "five leads, two of them retried once");
  }

  @Test
  void leadsAreDeliveredOldestFirst() throws SQLException {
    String first = newLead("first@example.de");
    clock.advance(Duration.ofSeconds(1));
    String second = newLead("second@example.de");

    worker.runOnce();

    assertEquals(List.of(first, second), crm.deliveries().stream().map(d -> d.lead().id()).toList());
  }

  @Test
  void leadClaimedByAWorkerThatDiedIsDeliveredOnceTheLeaseEnds() throws SQLException {
    String id = newLead("ada@example.de");
    Instant now = clock.instant();
    assertEquals(List.of(id), store.claim(List.of(id), now, now.plus(CONFIG.claimLease())),
        "another worker took the lead, then died");

    assertEquals(0, worker.runOnce(), "the lead is left alone while the other worker holds it");
    clock.advance(CONFIG.claimLease());
    assertEquals(1, worker.runOnce());

    assertEquals("delivered", row(id).status());
    assertEquals(1, crm.deliveries().get(0).attempt(), "a claim without an answer is no attempt");
  }

  @Test
  void twoWorkersOnOneOutboxDeliverEachLeadOnce() throws SQLException {
    FakeCrmAdapter otherCrm = new FakeCrmAdapter();
    DeliveryWorker other = workerFor(otherCrm);
    for (int i = 0; i < 4; i++) {
      newLead("lead" + i + "@example.de");
    }

    int attempted = worker.runOnce() + other.runOnce() + worker.runOnce();

    assertEquals(4, attempted);
    assertEquals(4, crm.deliveries().size() + otherCrm.deliveries().size());
    assertEquals(List.of(), otherCrm.deliveries(), "the first worker took every due lead");
  }

  @Test
  void leadWhoseAttemptEndedWithinItsLeaseIsNotDeliveredAgainByAnotherWorker() throws SQLException {
    FakeCrmAdapter otherCrm = new FakeCrmAdapter();
    DeliveryWorker other = workerFor(otherCrm);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(newLead("lead" + i + "@example.de"));
      clock.advance(Duration.ofMillis(1));
    }
    // Every CRM call takes 3 minutes, well within the 5-minute lease; during the second call the other gateway
    // instance polls the outbox.
    AtomicInteger calls = new AtomicInteger();
    crm.otherwise(delivery -> {
      clock.advance(Duration.ofMinutes(3));
      if (calls.incrementAndGet() == 2) {
        try {
          other.runOnce();
        } catch (SQLException e) {
          throw new AssertionError(e);
        }
      }
      return DeliveryResult.delivered("crm-" + delivery.lead().id());
    });

    while (worker.runOnce() > 0) {
      // a round stops after half the lease and hands its remaining leads back for the next round
    }

    for (String id : ids) {
      assertEquals(1, deliveries(id, crm, otherCrm), "deliveries of lead " + ids.indexOf(id));
    }
  }

  @Test
  void attemptThatThrowsDoesNotLoseTheAcknowledgementOfAnEarlierLead() throws SQLException {
    String first = newLead("first@example.de");
    clock.advance(Duration.ofSeconds(1));
    String second = newLead("second@example.de");
    DeliveryWorker.Attempt pipeline = throughPipeline(crm);
    DeliveryWorker fragile = new DeliveryWorker(store, (pending, attempt) -> {
      if (pending.lead().id().equals(second)) {
        throw new IllegalStateException("the delivery pipeline ended without a CRM answer");
      }
      return pipeline.deliver(pending, attempt);
    }, CONFIG, backoff(), clock);

    assertEquals(2, fragile.runOnce());

    assertEquals("delivered", row(first).status(), "the CRM took the first lead before the second one failed");
    assertEquals("pending", row(second).status(), "the failed attempt is retried, not lost");
    clock.advance(CONFIG.claimLease());
    worker.runOnce();
    assertEquals(1, crm.deliveriesOf(first).size());
  }

  // --- delivery log -----------------------------------------------------------------------------------------------

  private List<DeliveryLog.Entry> logOf(String leadId) throws SQLException {
    return new DeliveryLog(new Transactions(database)).of(leadId).orElseThrow();
  }

  @Test
  void deliveryLogShowsARetryWithTheCrmsHttpStatusAndTheCallsLatencyThenTheDelivery() throws SQLException {
    String id = newLead("ada@example.de");
    AtomicInteger calls = new AtomicInteger();
    crm.otherwise(delivery -> {
      clock.advance(Duration.ofMillis(calls.incrementAndGet() == 1 ? 830 : 45));
      return calls.get() == 1 ? DeliveryResult.retry("CRM answered 503").withHttpStatus(503)
          : DeliveryResult.delivered("crm-1").withHttpStatus(201);
    });

    worker.runOnce();
    Instant retriedAt = clock.instant();
    clock.advance(CONFIG.maxBackoff());
    worker.runOnce();

    List<DeliveryLog.Entry> log = logOf(id);
    assertEquals(new DeliveryLog.Entry(retriedAt, "fake", 0, 1, DeliveryLog.Status.RETRY,
        new DeliveryLog.Call(OptionalInt.of(503), Duration.ofMillis(830)), Optional.of("CRM answered 503")),
        log.get(0));
    assertEquals(new DeliveryLog.Entry(clock.instant(), "fake", 0, 2, DeliveryLog.Status.DELIVERED,
        new DeliveryLog.Call(OptionalInt.of(201), Duration.ofMillis(45)), Optional.empty()), log.get(1));
    assertEquals(2, log.size());
  }

  @Test
  void leadsHandedOverInOneBatchShareTheLatencyOfTheBatchCall() throws SQLException {
    String first = newLead("a@example.de");
    String second = newLead("b@example.de");
    DeliveryWorker batching = new DeliveryWorker(store, DeliveryWorker.Preparation.NONE, batch -> {
      clock.advance(Duration.ofMillis(120));
      return HandOver.deliverAll(crm, batch.stream().map(t -> new Delivery(t.pending().lead(),
          t.pending().idempotencyKey(), t.number(), t.pending().crmRecordId())).toList());
    }, new DeliveryWorker.Batching(2, Duration.ZERO), CONFIG, backoff(), clock);

    assertEquals(2, batching.runOnce());

    for (String id : List.of(first, second)) {
      assertEquals(List.of(Duration.ofMillis(120)), logOf(id).stream().map(e -> e.call().latency()).toList());
    }
  }

  @Test
  void crmErrorThatEchoesTheLeadsValuesKeepsThemOutOfTheOutboxAndTheLog() throws SQLException {
    String id = newLead("ada@example.de");
    crm.answer(DeliveryResult.rejected("DUPLICATE_VALUE: Email ADA@example.de exists for ACME Gmbh & Co. KG – Köln"
        + " (similar: mada@example.de)"));

    worker.runOnce();

    String masked = "DUPLICATE_VALUE: Email <email> exists for <company> (similar: mada@example.de)";
    assertEquals(masked, row(id).lastError());
    assertEquals(Optional.of(masked), logOf(id).get(0).error());
  }
}
