package org.leadgate.spi;

import org.leadgate.intake.Submission;
import org.leadgate.pipeline.Outcome;

/** The gateway's intake as an {@link InboundHook} sees it: normalise, validate and commit one submission. */
@FunctionalInterface
public interface Intake {
  /**
   * Answers {@link Outcome.Accepted} only once the lead is committed (a submission whose idempotency key is stored
   * already answers the earlier lead, marked replayed), or {@link Outcome.Invalid} with nothing stored.
   *
   * @throws org.leadgate.storage.StorageUnavailableException if the lead could not be committed
   * @throws IllegalArgumentException if the submission names a form that is not configured
   */
  Outcome submit(Submission submission);
}
