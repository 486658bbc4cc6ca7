package org.leadgate.crm.salesforce.hooks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.Outcome;
import org.leadgate.spi.Intake;

/** An {@link Intake} that records every submission and answers as told. */
public final class RecordingIntake implements Intake {
  private final List<Submission> submissions = new ArrayList<>();
  private final Function<Submission, Outcome> answer;

  private RecordingIntake(Function<Submission, Outcome> answer) {
    this.answer = answer;
  }

  /** Accepts everything; a repeated idempotency key is answered as a replay, as the core's intake does. */
  public static RecordingIntake accepting() {
    Set<String> keys = new HashSet<>();
    return new RecordingIntake(submission -> new Outcome.Accepted("lead-" + keys.size(),
        submission.idempotencyKey().map(key -> !keys.add(key)).orElse(false)));
  }

  public static RecordingIntake answering(Function<Submission, Outcome> answer) {
    return new RecordingIntake(answer);
  }

  @Override
  public Outcome submit(Submission submission) {
    submissions.add(submission);
    return answer.apply(submission);
  }

  public List<Submission> submissions() {
    return List.copyOf(submissions);
  }

  /** The idempotency keys of the submissions, in order. */
  public List<String> keys() {
    return submissions.stream().map(submission -> submission.idempotencyKey().orElse("")).toList();
  }
}
