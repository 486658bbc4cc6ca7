package org.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leadgate.scoring.ScoringFixtures.config;
import static org.leadgate.scoring.ScoringFixtures.lead;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leadgate.lead.Lead;
import org.leadgate.testing.MutableClock;

/**
 * The B2C example from the domain description: newsletter sign-up +3, opens the next newsletter +5, tells her
 * interest +5, gives her birthday +10, browses products on two different days +5 each, looks up stores +20.
 */
class WorkedExampleTest {
  private static final ScoringConfig CONFIG = config("""
      fit:
        - { id: interest-given, field: interest, present: true, points: 5 }
        - { id: birthday-given, field: birthday, present: true, points: 10 }
      behaviour:
        - { id: newsletter-signup, event: newsletter-signup, points: 3 }
        - { id: newsletter-opened, event: email-opened, points: 5 }
        - { id: product-pages, event: page-visited, where: { path: /produkte }, points: 5, perDay: true }
        - { id: store-finder, event: page-visited, where: { path: /filialfinder }, points: 20 }
        - { id: careers, event: page-visited, where: { path: /karriere }, points: -10 }
      decay: { pointsPerIdleDay: 1, after: 14d }
      stages: [ { id: lead }, { id: mql, threshold: 50 }, { id: sal }, { id: sql } ]
      sla: 1h
      """);
  private static final Lead ANNA = lead(Map.of("email", "anna@example.de", "interest", "Malbedarf",
      "birthday", "1990-04-12"));

  private final MutableClock clock = MutableClock.atFixedStart();
  private final Scorer scorer = new Scorer(CONFIG);
  private final Stages stages = CONFIG.stages();
  private final List<BehaviourEvent> events = new ArrayList<>();

  @Test
  void her_steps_add_up_to_53_and_make_her_an_mql_with_an_sla_due_in_an_hour() {
    Instant lastStep = actLikeAnna();

    Score score = scorer.score(ANNA, events, lastStep);
    StageDecision decision = stages.decide(score, stages.entry(), Optional.empty(), lastStep);

    assertEquals(53, score.total());
    assertEquals(List.of(new Reason("interest-given", 5), new Reason("birthday-given", 10),
        new Reason("newsletter-signup", 3), new Reason("newsletter-opened", 5), new Reason("product-pages", 10),
        new Reason("store-finder", 20)), score.reasons());
    assertEquals("mql", decision.stage().id());
    assertEquals(Optional.of(lastStep), decision.mqlAt());
    assertEquals(Optional.of(lastStep.plus(Duration.ofHours(1))), decision.slaDue());
  }

  @Test
  void after_the_idle_time_decay_takes_her_back_below_the_threshold_and_recycles_her_to_lead() {
    Instant lastStep = actLikeAnna();
    StageDecision mql = stages.decide(scorer.score(ANNA, events, lastStep), stages.entry(), Optional.empty(),
        lastStep);

    clock.set(lastStep.plus(Duration.ofDays(14)));
    Score afterIdleTime = scorer.score(ANNA, events, clock.instant());
    clock.advance(Duration.ofDays(3));
    Score atThreshold = scorer.score(ANNA, events, clock.instant());
    StageDecision stillMql = stages.decide(atThreshold, mql.stage(), mql.mqlAt(), clock.instant());
    clock.advance(Duration.ofDays(1));
    Score belowThreshold = scorer.score(ANNA, events, clock.instant());
    StageDecision recycled = stages.decide(belowThreshold, stillMql.stage(), stillMql.mqlAt(), clock.instant());

    assertEquals(53, afterIdleTime.total());
    assertEquals(50, atThreshold.total());
    assertEquals("mql", stillMql.stage().id());
    assertEquals(Optional.of(lastStep), stillMql.mqlAt());
    assertEquals(49, belowThreshold.total());
    assertEquals(new Reason(Reason.DECAY, -4), belowThreshold.reasons().get(belowThreshold.reasons().size() - 1));
    assertEquals("lead", recycled.stage().id());
    assertEquals(Optional.empty(), recycled.mqlAt());
    assertEquals(Optional.empty(), recycled.slaDue());
  }

  @Test
  void a_careers_page_visit_subtracts_and_takes_her_below_the_threshold() {
    actLikeAnna();
    Instant careersVisit = visit("/karriere", Duration.ofHours(2));

    Score score = scorer.score(ANNA, events, careersVisit);

    assertEquals(43, score.total());
    assertEquals(new Reason("careers", -10), score.reasons().get(score.reasons().size() - 1));
    assertEquals("lead", stages.decide(score, stages.entry(), Optional.empty(), careersVisit).stage().id());
  }

  /** Her steps over six days, moving the clock; answers the time of the last one. */
  private Instant actLikeAnna() {
    event("newsletter-signup", Map.of(), Duration.ZERO);
    event("email-opened", Map.of(), Duration.ofDays(2));
    visit("/produkte", Duration.ofMinutes(5));
    visit("/produkte", Duration.ofMinutes(5));
    visit("/produkte", Duration.ofDays(2));
    return visit("/filialfinder", Duration.ofDays(1));
  }

  private Instant visit(String path, Duration later) {
    return event("page-visited", Map.of("path", path), later);
  }

  private Instant event(String type, Map<String, String> properties, Duration later) {
    Instant at = clock.advance(later);
    events.add(new BehaviourEvent(type, at, properties));
    return at;
  }
}
