package org.leadgate.scoring.funnel;

import org.leadgate.pipeline.Outcome;
import org.leadgate.pipeline.Stage;

/** Before delivery: scores the lead on the gateway's clock and decides its stage, so the CRM gets both. */
public final class ScoringStage implements Stage {
  private final LeadScoring scoring;

  public ScoringStage(LeadScoring scoring) {
    this.scoring = scoring;
  }

  @Override
  public Outcome process(Chain chain) {
    return chain.proceed(scoring.score(chain.lead()));
  }

  @Override
  public String toString() {
    return "ScoringStage";
  }
}
