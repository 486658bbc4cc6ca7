package org.leadgate.pipeline;

import java.util.List;
import java.util.Objects;
import org.leadgate.lead.Lead;

/** Runs a list of stages in order and checks their contract: proceed at most once, never return null. */
public final class RealStageChain implements Stage.Chain {
  private final List<Stage> stages;
  private final int index;
  private final Lead lead;
  private int calls;

  private RealStageChain(List<Stage> stages, int index, Lead lead) {
    this.stages = stages;
    this.index = index;
    this.lead = lead;
  }

  /** Runs {@code lead} through {@code stages}; the last stage must answer without proceeding. */
  public static Outcome run(List<Stage> stages, Lead lead) {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a pipeline needs at least its terminal stage");
    }
    return new RealStageChain(List.copyOf(stages), 0, lead).proceed(lead);
  }

  @Override
  public Lead lead() {
    return lead;
  }

  @Override
  public Outcome proceed(Lead next) {
    Objects.requireNonNull(next, "lead");
    if (index >= stages.size()) {
      throw new IllegalStateException("stage " + stages.get(index - 1) + " is last and must not call proceed()");
    }
    if (++calls > 1) {
      throw new IllegalStateException("stage " + stages.get(index - 1) + " must call proceed() at most once");
    }
    Stage stage = stages.get(index);
    Outcome outcome = stage.process(new RealStageChain(stages, index + 1, next));
    if (outcome == null) {
      throw new IllegalStateException("stage " + stage + " returned null");
    }
    return outcome;
  }
}
