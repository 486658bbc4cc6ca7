package org.leadgate.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.storage.StorageFixtures.T0;
import static org.leadgate.storage.StorageFixtures.accept;
import static org.leadgate.storage.StorageFixtures.again;
import static org.leadgate.storage.StorageFixtures.count;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.pipeline.Outcome;

/** {@link GroupCommitWriter} on a real database; one subclass per {@link Backend}. */
abstract class GroupCommitWriterContract {
  /** Generous: a healthy commit takes milliseconds; this only bounds a hang. */
  private static final long TIMEOUT_SECONDS = 20;

  private final Backend backend;

  @TempDir
  Path tempDir;

  Database database;
  LeadStore store;
  GroupCommitWriter writer;
  final AtomicInteger commits = new AtomicInteger();

  GroupCommitWriterContract(Backend backend) {
    this.backend = backend;
  }

  @BeforeEach
  void open() {
    database = Database.open(backend.freshDatabase(tempDir));
    store = new LeadStore(database, "log");
    writer = new GroupCommitWriter(store, 64, commits::incrementAndGet);
  }

  @AfterEach
  void close() {
    writer.close();
    database.close();
  }

  private static Outcome.Accepted done(CompletableFuture<Outcome.Accepted> future) throws Exception {
    return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<Outcome.Accepted> future) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    return e.getCause();
  }

  private long leads() throws SQLException {
    return count(database.dataSource(), "SELECT COUNT(*) FROM leads");
  }

  @Test
  void acceptedSubmissionIsCommittedBeforeItsFutureCompletes() throws Exception {
    LeadStore.Accept accept = accept("ada@example.de");

    Outcome.Accepted accepted = done(writer.accept(accept));

    assertEquals(new Outcome.Accepted(accept.lead().id(), false), accepted);
    assertEquals(1, count(database.dataSource(), "SELECT COUNT(*) FROM outbox WHERE lead_id = ?", accept.lead().id()));
  }

  @Test
  void twoHundredConcurrentSubmissionsAreAllCommittedWithDistinctLeads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Outcome.Accepted>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        LeadStore.Accept accept = accept("lead" + i + "@example.de");
        results.add(pool.submit(() -> done(writer.accept(accept))));
      }
      Set<String> ids = new HashSet<>();
      for (Future<Outcome.Accepted> result : results) {
        Outcome.Accepted accepted = result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertFalse(accepted.replayed());
        ids.add(accepted.leadId());
      }
      assertEquals(200, ids.size());
      assertEquals(200, leads());
      assertEquals(new LeadStore.OutboxCounts(200, 0, 0, 0), store.counts());
      assertTrue(commits.get() >= 1 && commits.get() <= 200, "commits: " + commits.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void afterCommitRunsOnceTheLeadIsVisible() throws Exception {
    AtomicLong pendingSeenByCallback = new AtomicLong(-1);
    CompletableFuture<Void> called = new CompletableFuture<>();
    try (GroupCommitWriter observed = new GroupCommitWriter(store, 64, () -> {
      try {
        pendingSeenByCallback.set(store.counts().pending());
      } catch (SQLException e) {
        called.completeExceptionally(e);
      }
      called.complete(null);
    })) {
      done(observed.accept(accept("ada@example.de")));
      called.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    assertEquals(1, pendingSeenByCallback.get());
  }

  @Test
  void sameIdempotencyKeyThroughTheWriterIsAnsweredAsReplayed() throws Exception {
    LeadStore.Accept first = accept("contact", "ada@example.de", Optional.of("k"), T0);

    Outcome.Accepted one = done(writer.accept(first));
    Outcome.Accepted two = done(writer.accept(again(first)));

    assertEquals(new Outcome.Accepted(first.lead().id(), false), one);
    assertEquals(new Outcome.Accepted(first.lead().id(), true), two);
    assertEquals(1, leads());
  }

  @Test
  void oneSubmissionThatCannotBeStoredFailsAloneWhileTheOthersAreCommitted() throws Exception {
    LeadStore.Accept good = accept("ada@example.de");
    LeadStore.Accept clash = new LeadStore.Accept(accept("grace@example.de").submission(), good.lead());
    LeadStore.Accept other = accept("linus@example.de");

    CompletableFuture<Outcome.Accepted> goodResult = writer.accept(good);
    CompletableFuture<Outcome.Accepted> clashResult = writer.accept(clash);
    CompletableFuture<Outcome.Accepted> otherResult = writer.accept(other);

    assertEquals(good.lead().id(), done(goodResult).leadId());
    assertEquals(other.lead().id(), done(otherResult).leadId());
    assertInstanceOf(StorageUnavailableException.class, failure(clashResult));
    assertEquals(2, leads());
  }

  @Test
  void submissionFailsWithStorageUnavailableWhenTheDatabaseIsGone() {
    database.close();

    Throwable cause = failure(writer.accept(accept("ada@example.de")));

    assertInstanceOf(StorageUnavailableException.class, cause);
  }

  @Test
  void severalSubmissionsAllFailWhenTheDatabaseIsGone() {
    database.close();
    List<CompletableFuture<Outcome.Accepted>> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      results.add(writer.accept(accept("lead" + i + "@example.de")));
    }

    for (CompletableFuture<Outcome.Accepted> result : results) {
      assertInstanceOf(StorageUnavailableException.class, failure(result));
    }
  }

  @Test
  void closeCommitsWhatIsAlreadyQueuedAndRefusesWhatComesAfter() throws Exception {
    List<CompletableFuture<Outcome.Accepted>> queued = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      queued.add(writer.accept(accept("lead" + i + "@example.de")));
    }

    writer.close();

    for (CompletableFuture<Outcome.Accepted> result : queued) {
      assertTrue(result.isDone(), "close() returns only after the queue is drained");
      assertFalse(done(result).replayed());
    }
    assertEquals(20, leads());
    CompletableFuture<Outcome.Accepted> late = writer.accept(accept("late@example.de"));
    assertInstanceOf(StorageUnavailableException.class, failure(late));
    assertEquals(20, leads());
  }
}
