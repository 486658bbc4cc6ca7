package org.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leadgate.scoring.ScoringFixtures.config;
import static org.leadgate.scoring.ScoringFixtures.lead;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScorerTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final Scorer FIT = new Scorer(config("""
      fit:
        - { id: software, field: industry, in: [software, computer software], points: 10 }
        - { id: mid-size, field: employeeRange, in: ["51-200", "201-500"], points: 10 }
        - { id: dach, field: country, in: [DE, AT, CH], points: 5 }
        - { id: student, field: jobTitle, keywords: [student, "*student*"], points: -20 }
        - { id: freemail, field: email, freemail: true, points: -5 }
        - { id: business-mail, field: email, freemail: false, points: 2 }
        - { id: decider, role: decider, points: 15 }
      grades: { A: 30, B: 20, C: 10 }
      """));

  @Test
  void fit_rules_add_and_subtract_by_the_leads_fields_ignoring_case() {
    Score score = FIT.score(lead(Map.of("industry", "Computer Software", "employeeRange", "51-200",
        "country", "de", "jobTitle", "Werkstudentin Marketing", "email", "lena@GMX.de")), List.of(), NOW);

    assertEquals(List.of(new Reason("software", 10), new Reason("mid-size", 10), new Reason("dach", 5),
        new Reason("student", -20), new Reason("freemail", -5)), score.reasons());
    assertEquals(0, score.fit());
    assertEquals(0, score.total());
    assertEquals(Optional.of("D"), score.grade());
    assertEquals(Optional.empty(), score.role());
  }

  @Test
  void a_decider_with_a_business_address_gets_the_role_rule_and_grade_a() {
    Score score = FIT.score(lead(Map.of("industry", "Software", "country", "AT", "jobTitle", "Geschäftsführerin",
        "email", "eva@acme.at")), List.of(), NOW);

    assertEquals(List.of(new Reason("software", 10), new Reason("dach", 5), new Reason("business-mail", 2),
        new Reason("decider", 15)), score.reasons());
    assertEquals(32, score.fit());
    assertEquals(Optional.of(BuyingRole.DECIDER), score.role());
    assertEquals(Optional.of("A"), score.grade());
  }

  @Test
  void a_lead_without_the_fields_gets_no_fit_points_and_no_grade_without_grades_configured() {
    Score score = new Scorer(config("fit: [ { id: dach, field: country, in: [DE], points: 5 } ]"))
        .score(lead(Map.of()), List.of(), NOW);

    assertEquals(0, score.total());
    assertEquals(List.of(), score.reasons());
    assertEquals(Optional.empty(), score.grade());
  }

  @ParameterizedTest
  @CsvSource({"30, A", "29, B", "20, B", "19, C", "10, C", "9, D", "-5, D"})
  void grades_start_at_their_configured_fit_points(int fit, String grade) {
    assertEquals(grade, new Grades(30, 20, 10).grade(fit));
  }

  @Test
  void a_per_day_rule_counts_one_event_per_calendar_day_in_berlin() {
    Scorer scorer = new Scorer(config("""
        behaviour:
          - { id: page-visit, event: page-visited, points: 5, perDay: true }
          - { id: download, event: whitepaper-downloaded, points: 7 }
        """));
    List<BehaviourEvent> events = List.of(
        new BehaviourEvent("page-visited", Instant.parse("2026-03-01T08:00:00Z")),
        new BehaviourEvent("page-visited", Instant.parse("2026-03-01T22:30:00Z")), // 23:30 in Berlin, same day
        new BehaviourEvent("page-visited", Instant.parse("2026-03-01T23:30:00Z")), // 00:30 in Berlin, next day
        new BehaviourEvent("whitepaper-downloaded", Instant.parse("2026-03-01T09:00:00Z")),
        new BehaviourEvent("whitepaper-downloaded", Instant.parse("2026-03-01T09:05:00Z")));

    Score score = scorer.score(lead(Map.of()), events, NOW);

    assertEquals(List.of(new Reason("page-visit", 10), new Reason("download", 14)), score.reasons());
    assertEquals(24, score.behaviour());
  }

  @Test
  void events_count_only_for_rules_whose_type_and_properties_match() {
    Scorer scorer = new Scorer(config("""
        behaviour:
          - { id: pricing, event: page-visited, where: { path: /pricing }, points: 8 }
          - { id: careers, event: page-visited, where: { path: /careers }, points: -10 }
        """));
    List<BehaviourEvent> events = List.of(
        new BehaviourEvent("Page-Visited", NOW, Map.of("path", "/Pricing")),
        new BehaviourEvent("page-visited", NOW, Map.of("path", "/blog")),
        new BehaviourEvent("page-visited", NOW),
        new BehaviourEvent("form-submitted", NOW, Map.of("path", "/careers")));

    assertEquals(List.of(new Reason("pricing", 8)), scorer.score(lead(Map.of()), events, NOW).reasons());
  }

  @Test
  void half_life_decay_halves_points_per_half_life_and_rounds_each_rules_sum() {
    Scorer scorer = new Scorer(config("""
        behaviour:
          - { id: trial, event: trial-requested, points: 10 }
          - { id: opened, event: email-opened, points: 3 }
        decay: { halfLife: 30d }
        """));
    List<BehaviourEvent> events = List.of(
        new BehaviourEvent("trial-requested", NOW.minus(Duration.ofDays(15))),
        new BehaviourEvent("email-opened", NOW.minus(Duration.ofDays(30))),
        new BehaviourEvent("email-opened", NOW.minus(Duration.ofDays(30))));

    Score score = scorer.score(lead(Map.of()), events, NOW);

    // 10 × 0.5^0.5 = 7.07 → 7; 1.5 + 1.5 = 3 (rounded after summing, not 2 + 2)
    assertEquals(List.of(new Reason("trial", 7), new Reason("opened", 3)), score.reasons());
    assertEquals(10, score.total());
    assertEquals(List.of(new Reason("trial", 10), new Reason("opened", 6)),
        scorer.score(lead(Map.of()), events, NOW.minus(Duration.ofDays(30))).reasons());
  }

  @Test
  void idle_day_decay_takes_behaviour_towards_zero_but_never_past_it_and_leaves_fit_alone() {
    Scorer scorer = new Scorer(config("""
        fit: [ { id: dach, field: country, in: [DE], points: 5 } ]
        behaviour: [ { id: opened, event: email-opened, points: 4 } ]
        decay: { pointsPerIdleDay: 1, after: 7d }
        """));
    List<BehaviourEvent> events = List.of(new BehaviourEvent("email-opened", NOW));

    assertEquals(9, scorer.score(lead(Map.of("country", "DE")), events, NOW.plus(Duration.ofDays(7))).total());
    assertEquals(7, scorer.score(lead(Map.of("country", "DE")), events, NOW.plus(Duration.ofDays(9))).total());
    Score longIdle = scorer.score(lead(Map.of("country", "DE")), events, NOW.plus(Duration.ofDays(100)));
    assertEquals(5, longIdle.total());
    assertEquals(List.of(new Reason("dach", 5), new Reason("opened", 4), new Reason(Reason.DECAY, -4)),
        longIdle.reasons());
  }
}
