package org.leadgate.storage;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.Outcome;
import org.leadgate.pipeline.Stage;

/**
 * The last stage of intake: commits the submission, its lead and the lead's outbox row together, and answers only
 * once they are on disk. If that cannot be confirmed in time it throws {@link StorageUnavailableException}, so no
 * caller ever acknowledges a lead that was not committed.
 */
public final class PersistStage implements Stage {
  private final GroupCommitWriter writer;
  private final Submission submission;
  private final Duration timeout;

  public PersistStage(GroupCommitWriter writer, Submission submission, Duration timeout) {
    this.writer = writer;
    this.submission = submission;
    this.timeout = timeout;
  }

  @Override
  public Outcome process(Chain chain) {
    try {
      return writer.accept(new LeadStore.Accept(submission, chain.lead()))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new StorageUnavailableException("the commit did not finish within " + timeout, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof StorageUnavailableException unavailable
          ? unavailable
          : new StorageUnavailableException("the lead was not stored", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException("interrupted while waiting for the commit", e);
    }
  }

  @Override
  public String toString() {
    return "PersistStage";
  }
}
