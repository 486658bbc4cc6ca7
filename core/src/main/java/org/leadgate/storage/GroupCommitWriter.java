package org.leadgate.storage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.leadgate.pipeline.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts submissions with one commit for all that arrive together: callers wait on a future while one writer
 * thread stores whatever has queued up in a single transaction. One flush per batch instead of one per request
 * keeps intake fast on slow disks. A failed batch is retried one submission at a time, so that one bad
 * submission cannot fail the others.
 */
public final class GroupCommitWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

  private record Pending(LeadStore.Accept accept, CompletableFuture<Outcome.Accepted> result) {}

  private final LeadStore store;
  private final int maxBatch;
  private final Runnable afterCommit;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean running = true;

  /** @param afterCommit called after each commit that stored new leads, e.g. to wake the delivery worker */
  public GroupCommitWriter(LeadStore store, int maxBatch, Runnable afterCommit) {
    this.store = store;
    this.maxBatch = maxBatch;
    this.afterCommit = afterCommit;
    this.writer = new Thread(this::run, "leadgate-intake-writer");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Queues one submission; the future completes once it is committed, or fails if it could not be. */
  public CompletableFuture<Outcome.Accepted> accept(LeadStore.Accept accept) {
    CompletableFuture<Outcome.Accepted> result = new CompletableFuture<>();
    synchronized (this) {
      // under the lock, so that nothing is queued after close() has told the writer to finish the queue
      if (!running) {
        result.completeExceptionally(new StorageUnavailableException("the gateway is shutting down", null));
        return result;
      }
      queue.add(new Pending(accept, result));
    }
    return result;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      Pending first;
      try {
        first = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (first == null) {
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, maxBatch - 1);
      commit(batch);
      batch.clear();
    }
    for (Pending left; (left = queue.poll()) != null; ) {
      left.result().completeExceptionally(new StorageUnavailableException("the gateway is shutting down", null));
    }
  }

  private void commit(List<Pending> batch) {
    try {
      List<Outcome.Accepted> results = store.acceptAll(batch.stream().map(Pending::accept).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result().complete(results.get(i));
      }
    } catch (SQLException | RuntimeException e) {
      if (batch.size() == 1) {
        LOG.warn("event=intake.commit_failed leads=1 error=\"{}\"", e.getMessage());
        batch.get(0).result().completeExceptionally(new StorageUnavailableException("the lead was not stored", e));
      } else {
        LOG.warn("event=intake.batch_failed leads={} error=\"{}\" action=retry_one_by_one", batch.size(),
            e.getMessage());
        for (Pending single : batch) {
          commit(List.of(single));
        }
      }
      return;
    }
    try {
      afterCommit.run();
    } catch (RuntimeException e) {
      LOG.warn("event=intake.after_commit_failed error={}", e.getClass().getName());
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      running = false;
    }
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
