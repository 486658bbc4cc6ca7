package org.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.scoring.ScoringFixtures.config;

import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;

class ScoringConfigTest {

  @Test
  void an_absent_section_gives_no_rules_default_stages_and_the_built_in_role_table() {
    ScoringConfig defaults = ScoringConfig.from(ConfigNode.of(MissingNode.getInstance(), "scoring"));

    assertEquals(List.of(), defaults.fit());
    assertEquals(List.of(), defaults.behaviour());
    assertEquals(Decay.NONE, defaults.decay());
    assertEquals(Optional.empty(), defaults.grades());
    assertEquals(List.of("lead", "mql", "sal", "sql"), defaults.stages().all().stream().map(Stage::id).toList());
    assertEquals(Duration.ofHours(1), defaults.stages().sla());
    assertEquals("jobTitle", defaults.roles().field());
    assertEquals(Optional.of(BuyingRole.BUYER), defaults.roles().roleOfTitle("Leiterin Einkauf"));
  }

  @Test
  void the_documented_example_reads_as_written() {
    ScoringConfig example = config("""
        fit:
          - { id: software, field: industry, in: [software, computer software], points: 10 }
          - { id: mid-size, field: employeeRange, in: ["51-200", "201-500"], points: 10 }
          - { id: dach, field: country, in: [DE, AT, CH], points: 5 }
          - { id: student, field: jobTitle, keywords: [student, "*student*"], points: -20 }
          - { id: freemail, field: email, freemail: true, points: -5 }
          - { id: birthday-given, field: birthday, present: true, points: 10 }
          - { id: decider, role: decider, points: 15 }
        behaviour:
          - { id: newsletter-signup, event: newsletter-signup, points: 3 }
          - { id: product-pages, event: page-visited, where: { path: /products }, points: 5, perDay: true }
          - { id: careers, event: page-visited, where: { path: /careers }, points: -10 }
        decay: { halfLife: 30d }
        grades: { A: 30, B: 20, C: 10 }
        stages: [ { id: lead }, { id: mql, threshold: 50 }, { id: tal }, { id: tql }, { id: sal }, { id: sql } ]
        sla: 1h
        roleField: jobTitle
        roles:
          - { role: gatekeeper, keywords: ["*assistenz*", assistant] }
          - { role: buyer, keywords: ["*einkauf*", purchasing, procurement] }
          - { role: decider, keywords: ["geschäftsführ*", ceo, cto, head of, "*leiter"] }
        """);

    assertEquals(7, example.fit().size());
    assertEquals(new BehaviourRule("product-pages", "page-visited", Map.of("path", "/products"), 5, true),
        example.behaviour().get(1));
    assertEquals(new Decay.HalfLife(Duration.ofDays(30)), example.decay());
    assertEquals(Optional.of(new Grades(30, 20, 10)), example.grades());
    assertEquals(6, example.stages().all().size());
    assertEquals(Optional.of(BuyingRole.GATEKEEPER), example.roles().roleOfTitle("Assistenz der Geschäftsführung"));
  }

  @Test
  void idle_day_decay_reads_its_points_and_grace_time() {
    assertEquals(new Decay.IdleDays(2, Duration.ofDays(14)),
        config("decay: { pointsPerIdleDay: 2, after: 14d }").decay());
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("weights: {}", "scoring.weights", "unknown key"),
        Arguments.of("fit: [ { id: a, field: country, in: [DE], point: 5 } ]", "scoring.fit[0].point",
            "unknown key"),
        Arguments.of("behaviour: [ { id: a, event: x, points: 1, every: day } ]", "scoring.behaviour[0].every",
            "unknown key"),
        Arguments.of("""
            fit: [ { id: dach, field: country, in: [DE], points: 5 } ]
            behaviour: [ { id: dach, event: page-visited, points: 1 } ]
            """, "scoring.behaviour[0].id", "duplicate rule id 'dach', already used at scoring.fit[0].id"),
        Arguments.of("behaviour: [ { id: a, event: x, points: 1 }, { id: a, event: y, points: 2 } ]",
            "scoring.behaviour[1].id", "duplicate rule id"),
        Arguments.of("behaviour: [ { id: decay, event: x, points: 1 } ]", "scoring.behaviour[0].id", "reserved"),
        Arguments.of("fit: [ { id: a, points: 5 } ]", "scoring.fit[0]", "needs a condition"),
        Arguments.of("fit: [ { id: a, field: country, points: 5 } ]", "scoring.fit[0]", "needs a condition"),
        Arguments.of("fit: [ { id: a, in: [DE], points: 5 } ]", "scoring.fit[0].field", "is required"),
        Arguments.of("fit: [ { id: a, field: country, in: [DE], present: true, points: 5 } ]",
            "scoring.fit[0].present", "cannot be combined with 'in'"),
        Arguments.of("fit: [ { id: a, field: jobTitle, role: decider, points: 5 } ]", "scoring.fit[0].field",
            "does not apply"),
        Arguments.of("fit: [ { id: a, role: boss, points: 5 } ]", "scoring.fit[0].role", "unknown role 'boss'"),
        Arguments.of("fit: [ { id: a, field: country, in: [DE] } ]", "scoring.fit[0].points", "is required"),
        Arguments.of("fit: [ { id: a, field: country, in: [DE], points: lots } ]", "scoring.fit[0].points",
            "whole number"),
        Arguments.of("fit: [ { id: a, field: jobTitle, keywords: [\"ein*kauf\"], points: 1 } ]",
            "scoring.fit[0].keywords", "only at the start or end"),
        Arguments.of("stages: [ { id: lead }, { id: mql, threshold: 50 }, { id: hot, threshold: 40 } ]",
            "scoring.stages[2].threshold", "must be above 50 of stage 'mql'"),
        Arguments.of("stages: [ { id: lead }, { id: mql, threshold: 50 }, { id: sal }, { id: hot, threshold: 90 } ]",
            "scoring.stages[3].threshold", "only the CRM sets"),
        Arguments.of("stages: [ { id: lead, threshold: 0 }, { id: mql, threshold: 50 } ]",
            "scoring.stages[0].threshold", "first stage"),
        Arguments.of("stages: [ { id: lead }, { id: qualified, threshold: 50 }, { id: sal } ]", "scoring.stages",
            "must contain the hand-over stage 'mql'"),
        Arguments.of("stages: [ { id: lead }, { id: mql } ]", "scoring.stages[1].threshold", "is required"),
        Arguments.of("stages: [ { id: lead }, { id: mql, threshold: 50 }, { id: MQL } ]", "scoring.stages[2].id",
            "duplicate stage id 'mql'"),
        Arguments.of("stages: [ { id: lead }, { id: mql, threshold: 50, sla: 1h } ]", "scoring.stages[1].sla",
            "unknown key"),
        Arguments.of("sla: soon", "scoring.sla", "must be a duration"),
        Arguments.of("decay: { halfLife: 30d, pointsPerIdleDay: 1 }", "scoring.decay.pointsPerIdleDay",
            "cannot be combined with halfLife"),
        Arguments.of("decay: { halfLife: 30d, after: 7d }", "scoring.decay.after", "only with pointsPerIdleDay"),
        Arguments.of("decay: { halfLife: 0d }", "scoring.decay.halfLife", "longer than zero"),
        Arguments.of("decay: { halflife: 30d }", "scoring.decay.halflife", "unknown key"),
        Arguments.of("grades: { A: 30, B: 30, C: 10 }", "scoring.grades.B", "must be below A (30)"),
        Arguments.of("grades: { A: 30, B: 20 }", "scoring.grades.C", "is required"),
        Arguments.of("grades: { A: 30, B: 20, C: 10, D: 0 }", "scoring.grades.D", "unknown key"),
        Arguments.of("roles: [ { role: buyer, keywords: [einkauf] }, { role: buyer, keywords: [purchasing] } ]",
            "scoring.roles[1].role", "listed twice"),
        Arguments.of("roles: [ { role: chef, keywords: [chef] } ]", "scoring.roles[0].role", "unknown role"),
        Arguments.of("roles: [ { role: buyer, keywords: [] } ]", "scoring.roles[0].keywords", "at least one"));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void a_mistake_fails_naming_the_key(String yaml, String key, String problem) {
    ConfigException error = assertThrows(ConfigException.class, () -> config(yaml));

    assertEquals(key, error.key());
    assertTrue(error.getMessage().contains(problem), error.getMessage());
  }
}
