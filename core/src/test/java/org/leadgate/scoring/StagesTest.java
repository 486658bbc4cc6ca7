package org.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leadgate.scoring.ScoringFixtures.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StagesTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final Instant EARLIER = NOW.minus(Duration.ofDays(3));
  private final Stages stages = config("""
      stages: [ { id: lead }, { id: mql, threshold: 50 }, { id: tal }, { id: tql }, { id: sal }, { id: sql } ]
      sla: 4h
      """).stages();

  @Test
  void a_lead_below_the_threshold_stays_a_lead_without_hand_over_time() {
    StageDecision decision = stages.decide(score(49), stage("lead"), Optional.empty(), NOW);

    assertEquals(new StageDecision(stage("lead"), Optional.empty(), Optional.empty()), decision);
  }

  @Test
  void reaching_the_threshold_makes_an_mql_handed_over_now_with_the_configured_sla() {
    StageDecision decision = stages.decide(score(50), stage("lead"), Optional.empty(), NOW);

    assertEquals(new StageDecision(stage("mql"), Optional.of(NOW), Optional.of(NOW.plus(Duration.ofHours(4)))),
        decision);
  }

  @Test
  void an_mql_keeps_its_first_hand_over_time_while_it_stays_above_the_threshold() {
    StageDecision decision = stages.decide(score(80), stage("mql"), Optional.of(EARLIER), NOW);

    assertEquals(new StageDecision(stage("mql"), Optional.of(EARLIER),
        Optional.of(EARLIER.plus(Duration.ofHours(4)))), decision);
  }

  @Test
  void a_stage_the_crm_set_is_never_lowered_by_a_falling_score() {
    for (String crmStage : List.of("tal", "tql", "sal", "sql")) {
      StageDecision decision = stages.decide(score(-20), stage(crmStage), Optional.of(EARLIER), NOW);

      assertEquals(new StageDecision(stage(crmStage), Optional.of(EARLIER),
          Optional.of(EARLIER.plus(Duration.ofHours(4)))), decision);
    }
  }

  @Test
  void a_crm_stage_reached_without_scoring_gets_no_hand_over_time_from_scoring() {
    assertEquals(new StageDecision(stage("sal"), Optional.empty(), Optional.empty()),
        stages.decide(score(90), stage("sal"), Optional.empty(), NOW));
  }

  @Test
  void a_lead_the_crm_sends_back_to_lead_is_scored_again() {
    assertEquals(stage("mql"), stages.decide(score(60), stage("lead"), Optional.empty(), NOW).stage());
  }

  @Test
  void with_several_automatic_stages_the_highest_threshold_met_wins_and_only_mql_and_above_are_handed_over() {
    Stages tiered = config("""
        stages: [ { id: lead }, { id: engaged, threshold: 20 }, { id: mql, threshold: 50 }, { id: sal } ]
        """).stages();
    Stage lead = tiered.entry();

    assertEquals(new StageDecision(tiered.find("engaged").orElseThrow(), Optional.empty(), Optional.empty()),
        tiered.decide(score(30), lead, Optional.empty(), NOW));
    assertEquals("mql", tiered.decide(score(50), lead, Optional.empty(), NOW).stage().id());
    assertEquals("engaged", tiered.decide(score(49), tiered.find("mql").orElseThrow(), Optional.of(EARLIER), NOW)
        .stage().id());
  }

  @Test
  void stages_are_found_by_id_ignoring_case_and_unknown_ids_are_empty() {
    assertEquals(Optional.of(stage("sal")), stages.find("SAL"));
    assertEquals(Optional.empty(), stages.find("won"));
  }

  @Test
  void the_defaults_are_lead_mql_at_50_sal_sql_with_an_sla_of_one_hour() {
    Stages defaults = Stages.defaults();

    assertEquals(List.of("lead", "mql", "sal", "sql"), defaults.all().stream().map(Stage::id).toList());
    assertEquals(50, defaults.find("mql").orElseThrow().threshold().getAsInt());
    assertEquals(Duration.ofHours(1), defaults.sla());
  }

  private Stage stage(String id) {
    return stages.find(id).orElseThrow();
  }

  private static Score score(int total) {
    return new Score(0, total, total, Optional.empty(), Optional.empty(), List.of());
  }
}
