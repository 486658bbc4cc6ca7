package org.leadgate.scoring;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The stage a lead is in after scoring, with its hand-over time for the CRM.
 *
 * @param mqlAt when the lead reached MQL; empty while it is below MQL
 * @param slaDue by when sales should act: {@code mqlAt} plus the configured SLA
 */
public record StageDecision(Stage stage, Optional<Instant> mqlAt, Optional<Instant> slaDue) {
  public StageDecision {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(mqlAt, "mqlAt");
    Objects.requireNonNull(slaDue, "slaDue");
  }
}
