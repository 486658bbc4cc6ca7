package org.leadgate.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.leadgate.config.ConfigNode;

/**
 * The ordered funnel stages and how a score moves a lead through them.
 *
 * <p>The first stage is where leads start. Stages with a threshold follow it and are reached automatically: a lead
 * is in the highest one whose threshold its total meets, and falls back when its score decays below (recycling:
 * an automatic MQL that nobody took further goes back to Lead). Stages after those are set only by the CRM; scoring
 * never moves a lead out of them. The stage {@value #HANDOVER} is the hand-over to sales: when a lead reaches it
 * (or an automatic stage above it) {@code mqlAt} is set and kept while it stays there or goes further; recycling
 * below it clears {@code mqlAt}, so qualifying again is a new hand-over with a new SLA due time.
 */
public final class Stages {
  /** The id of the hand-over stage, which must be reached by score. */
  public static final String HANDOVER = "mql";
  public static final Duration DEFAULT_SLA = Duration.ofHours(1);
  public static final int DEFAULT_MQL_THRESHOLD = 50;

  private static final List<Stage> DEFAULT_STAGES = List.of(crmStage("lead"),
      new Stage(HANDOVER, OptionalInt.of(DEFAULT_MQL_THRESHOLD)), crmStage("sal"), crmStage("sql"));

  private final List<Stage> stages;
  private final Duration sla;
  private final int handover;
  private final int lastAutomatic;

  /** Stages checked by {@link #from}: automatic stages right after the first, thresholds rising, one of them mql. */
  private Stages(List<Stage> stages, Duration sla) {
    this.stages = List.copyOf(stages);
    this.sla = sla;
    this.handover = indexOf(HANDOVER);
    this.lastAutomatic = (int) stages.stream().filter(Stage::automatic).count();
  }

  /** Lead → MQL (threshold 50) → SAL → SQL, with an SLA of one hour. */
  public static Stages defaults() {
    return new Stages(DEFAULT_STAGES, DEFAULT_SLA);
  }

  public List<Stage> all() {
    return stages;
  }

  /** Where new leads start. */
  public Stage entry() {
    return stages.get(0);
  }

  /** The stage with this id, ignoring case; empty for an id not configured (for example one a CRM sent). */
  public Optional<Stage> find(String id) {
    return stages.stream().filter(stage -> stage.id().equalsIgnoreCase(id)).findFirst();
  }

  public Duration sla() {
    return sla;
  }

  /**
   * The stage after scoring.
   *
   * @param current the lead's stage now, as last decided or as the CRM set it
   * @param mqlAt when the lead reached MQL, as last decided
   * @param now the time of this decision, which becomes {@code mqlAt} when the lead reaches MQL now
   */
  public StageDecision decide(Score score, Stage current, Optional<Instant> mqlAt, Instant now) {
    int position = stages.indexOf(current);
    if (position < 0) {
      throw new IllegalArgumentException("stage '" + current.id() + "' is not one of " + stages);
    }
    if (position > lastAutomatic) {
      return decision(current, mqlAt);
    }
    int reached = reachedBy(score.total());
    return decision(stages.get(reached), reached >= handover ? mqlAt.or(() -> Optional.of(now)) : Optional.empty());
  }

  private StageDecision decision(Stage stage, Optional<Instant> mqlAt) {
    return new StageDecision(stage, mqlAt, mqlAt.map(at -> at.plus(sla)));
  }

  private int reachedBy(int total) {
    int reached = 0;
    for (int i = 1; i <= lastAutomatic && total >= threshold(i); i++) {
      reached = i;
    }
    return reached;
  }

  private int threshold(int index) {
    return stages.get(index).threshold().orElseThrow();
  }

  private int indexOf(String id) {
    return find(id).map(stages::indexOf).orElse(-1);
  }

  private static Stage crmStage(String id) {
    return new Stage(id, OptionalInt.empty());
  }

  /** Reads {@code stages} and {@code sla} of the scoring section. */
  static Stages from(ConfigNode scoring) {
    Duration sla = scoring.duration("sla", DEFAULT_SLA);
    if (!scoring.has("stages")) {
      return new Stages(DEFAULT_STAGES, sla);
    }
    List<ConfigNode> nodes = scoring.list("stages");
    Map<String, String> seen = new HashMap<>();
    List<Stage> stages = nodes.stream().map(node -> stage(node, seen)).toList();
    for (int i = 0; i < stages.size(); i++) {
      checkThreshold(nodes.get(i), stages, i);
    }
    int handover = stages.stream().map(Stage::id).toList().indexOf(HANDOVER);
    if (handover < 0) {
      throw scoring.error("stages", "must contain the hand-over stage '" + HANDOVER + "' with a threshold");
    }
    if (!stages.get(handover).automatic()) {
      throw nodes.get(handover).error("threshold", "is required: the hand-over stage is reached by score");
    }
    return new Stages(stages, sla);
  }

  private static Stage stage(ConfigNode node, Map<String, String> seen) {
    node.allowOnly("id", "threshold");
    String id = node.string("id").toLowerCase(Locale.ROOT);
    String earlier = seen.putIfAbsent(id, node.keyPath("id"));
    if (earlier != null) {
      throw node.error("id", "duplicate stage id '" + id + "', already used at " + earlier);
    }
    return new Stage(id, node.has("threshold")
        ? OptionalInt.of(ScoringConfig.points(node, "threshold")) : OptionalInt.empty());
  }

  private static void checkThreshold(ConfigNode node, List<Stage> stages, int index) {
    Stage stage = stages.get(index);
    if (!stage.automatic()) {
      return;
    }
    if (index == 0) {
      throw node.error("threshold", "must not be set: the first stage is where every lead starts");
    }
    Stage previous = stages.get(index - 1);
    if (index > 1 && !previous.automatic()) {
      throw node.error("threshold", "must not be set after stage '" + previous.id()
          + "', which only the CRM sets: stages reached by score come right after the first stage");
    }
    if (index > 1 && stage.threshold().getAsInt() <= previous.threshold().getAsInt()) {
      throw node.error("threshold", "must be above " + previous.threshold().getAsInt() + " of stage '"
          + previous.id() + "': thresholds rise in stage order");
    }
  }
}
