package org.leadgate.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.leadgate.config.ConfigNode;

/**
 * Scoring rules, decay, grades, buying-center roles and funnel stages, read from the {@code scoring} section:
 *
 * <pre>{@code
 * scoring:
 *   fit:                                  # who the lead is; every matching rule counts
 *     - { id: software, field: industry, in: [software, computer software], points: 10 }
 *     - { id: mid-size, field: employeeRange, in: ["51-200", "201-500"], points: 10 }
 *     - { id: dach, field: country, in: [DE, AT, CH], points: 5 }
 *     - { id: student, field: jobTitle, keywords: [student, "*student*"], points: -20 }
 *     - { id: freemail, field: email, freemail: true, points: -5 }
 *     - { id: birthday-given, field: birthday, present: true, points: 10 }
 *     - { id: decider, role: decider, points: 15 }
 *   behaviour:                            # what the lead did; every matching rule counts each event
 *     - { id: newsletter-signup, event: newsletter-signup, points: 3 }
 *     - { id: product-pages, event: page-visited, where: { path: /products }, points: 5, perDay: true }
 *     - { id: careers, event: page-visited, where: { path: /careers }, points: -10 }
 *   decay: { halfLife: 30d }              # or { pointsPerIdleDay: 1, after: 14d }; absent: no decay
 *   grades: { A: 30, B: 20, C: 10 }       # fit points for A, B, C; below C it is D; absent: no grade
 *   stages: [ { id: lead }, { id: mql, threshold: 50 }, { id: tal }, { id: tql }, { id: sal }, { id: sql } ]
 *   sla: 1h                               # mqlAt + sla is the due time sent to the CRM
 *   roleField: jobTitle
 *   roles:                                # first entry with a keyword in the job title wins
 *     - { role: gatekeeper, keywords: ["*assistenz*", assistant] }
 *     - { role: buyer, keywords: ["*einkauf*", purchasing, procurement] }
 *     - { role: decider, keywords: ["geschäftsführ*", ceo, cto, head of, "*leiter"] }
 * }</pre>
 *
 * <p>A fit rule has an {@code id}, {@code points} (negative subtracts) and one condition: {@code field} with
 * {@code in} (the value is one of these), {@code keywords} (the value contains one of these words),
 * {@code freemail: true|false} (a mail address at a free mail provider, or not) or {@code present: true|false}; or
 * {@code role} (the buying-center role). Texts compare ignoring case and umlaut spelling; keywords match whole words,
 * with {@code *} at the start or end for compounds ({@code "*leiter"} finds "Abteilungsleiter"; quote it in YAML).
 * A behaviour rule has an {@code id}, an {@code event} type, {@code points}, optional {@code where} (properties the
 * event must have) and {@code perDay} (count one event per calendar day in Europe/Berlin). Rule ids are unique across
 * fit and behaviour. Absent parts default to: no rules, no decay, no grades, stages Lead → MQL (50) → SAL → SQL,
 * {@code sla} 1h, role from {@code jobTitle} by the built-in German and English table ({@link BuyingRoles}).
 */
public record ScoringConfig(
    List<FitRule> fit, List<BehaviourRule> behaviour, Decay decay, Optional<Grades> grades, BuyingRoles roles,
    Stages stages) {
  /** The largest number of points a rule, grade or threshold may name, either way. */
  static final int MAX_POINTS = 100_000;

  public ScoringConfig {
    fit = List.copyOf(fit);
    behaviour = List.copyOf(behaviour);
    Objects.requireNonNull(decay, "decay");
    Objects.requireNonNull(grades, "grades");
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(stages, "stages");
  }

  /** Reads the {@code scoring} section; an absent section gives the defaults. */
  public static ScoringConfig from(ConfigNode scoring) {
    scoring.allowOnly("fit", "behaviour", "decay", "grades", "stages", "sla", "roleField", "roles");
    Map<String, String> ruleIds = new HashMap<>();
    List<FitRule> fit = new ArrayList<>();
    for (ConfigNode node : scoring.list("fit")) {
      fit.add(FitRule.from(node));
      claimId(node, ruleIds);
    }
    List<BehaviourRule> behaviour = new ArrayList<>();
    for (ConfigNode node : scoring.list("behaviour")) {
      behaviour.add(BehaviourRule.from(node));
      claimId(node, ruleIds);
    }
    return new ScoringConfig(fit, behaviour, Decay.from(scoring.section("decay")),
        Grades.from(scoring.section("grades")), BuyingRoles.from(scoring), Stages.from(scoring));
  }

  private static void claimId(ConfigNode rule, Map<String, String> ruleIds) {
    String id = rule.string("id");
    if (id.equals(Reason.DECAY)) {
      throw rule.error("id", "'" + Reason.DECAY + "' is reserved for the points idle days take off");
    }
    String earlier = ruleIds.putIfAbsent(id, rule.keyPath("id"));
    if (earlier != null) {
      throw rule.error("id", "duplicate rule id '" + id + "', already used at " + earlier);
    }
  }

  /** A required whole number of points at {@code key}. */
  static int points(ConfigNode node, String key) {
    if (!node.has(key)) {
      throw node.error(key, "is required");
    }
    return node.integer(key, 0, -MAX_POINTS, MAX_POINTS);
  }
}
