package org.leadgate.spi;

import java.util.List;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.FieldProblem;
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

  /**
   * The problems {@link #submit} would answer {@link Outcome.Invalid} with, found without storing anything (empty:
   * it would be accepted, storage permitting), so that a hook can check every item of a request before it submits
   * any. The gateway's intake checks; this default knows of no problems, leaving them to {@link #submit}.
   *
   * @throws IllegalArgumentException if the submission names a form that is not configured
   */
  default List<FieldProblem> check(Submission submission) {
    return List.of();
  }
}
