package org.leadgate.scoring;

import java.util.Objects;

/** A lead's score and the stage decided on it, as the CRM receives them. */
public record LeadScore(Score score, StageDecision stage) {
  public LeadScore {
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(stage, "stage");
  }
}
