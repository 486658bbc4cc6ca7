package org.leadgate.crm.generic.inbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.pipeline.Outcome;
import org.leadgate.spi.Intake;
import org.leadgate.storage.StorageUnavailableException;

/**
 * An intake for tests with the gateway's contract: a form whose {@code email} is required and must hold an {@code @};
 * submissions are recorded, an idempotency key seen before answers the earlier lead as replayed, and storage can be
 * made to fail.
 */
final class RecordingIntake implements Intake {
  private final List<Submission> submitted = new ArrayList<>();
  private final Map<String, String> leadsByKey = new HashMap<>();
  private boolean storageDown;

  @Override
  public synchronized List<FieldProblem> check(Submission submission) {
    String email = submission.first("email").orElse("");
    if (email.isEmpty()) {
      return List.of(new FieldProblem("email", "is required"));
    }
    return email.contains("@") ? List.of() : List.of(new FieldProblem("email", "is not a valid email address"));
  }

  @Override
  public synchronized Outcome submit(Submission submission) {
    List<FieldProblem> problems = check(submission);
    if (!problems.isEmpty()) {
      return new Outcome.Invalid(problems);
    }
    if (storageDown) {
      throw new StorageUnavailableException("the database is down", null);
    }
    submitted.add(submission);
    String key = submission.idempotencyKey().orElse(UUID.randomUUID().toString());
    String earlier = leadsByKey.get(key);
    if (earlier != null) {
      return new Outcome.Accepted(earlier, true);
    }
    String leadId = UUID.randomUUID().toString();
    leadsByKey.put(key, leadId);
    return new Outcome.Accepted(leadId, false);
  }

  synchronized void storageDown(boolean down) {
    storageDown = down;
  }

  /** What was submitted, in order (replays included). */
  synchronized List<Submission> submitted() {
    return List.copyOf(submitted);
  }
}
