package org.leadgate.scoring;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BinaryOperator;
import org.leadgate.lead.Lead;

/**
 * Scores leads by one {@link ScoringConfig}. Immutable and safe to share between threads.
 *
 * <p>Rounding: each behaviour rule's decayed points are summed over its events and then rounded half up
 * ({@link Math#round(double)}); the reason shows that rounded number, and behaviour is the sum of those reasons, so
 * the reasons always add up to the total. With {@code pointsPerIdleDay} the rules keep their full points and one
 * reason {@value Reason#DECAY} shows what idle days took off; that decay moves the behaviour score towards zero and
 * never past it. Idle time runs from the newest event any behaviour rule counted. {@code perDay} rules count the
 * latest matching event of each calendar day in Europe/Berlin, where the users are.
 */
public final class Scorer {
  private static final ZoneId DAYS = ZoneId.of("Europe/Berlin");

  private final ScoringConfig config;

  public Scorer(ScoringConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The lead's score at {@code now}, from its current fields and all its events (any order). */
  public Score score(Lead lead, List<BehaviourEvent> events, Instant now) {
    Optional<BuyingRole> role = config.roles().roleOf(lead);
    List<Reason> reasons = new ArrayList<>();
    int fit = fit(lead, role, reasons);
    int behaviour = 0;
    Instant newest = null;
    for (BehaviourRule rule : config.behaviour()) {
      double points = 0;
      for (Instant at : counted(rule, events)) {
        points += rule.points() * config.decay().weight(age(at, now));
        newest = newest == null || at.isAfter(newest) ? at : newest;
      }
      behaviour += add(reasons, rule.id(), (int) Math.round(points));
    }
    if (newest != null) {
      behaviour += add(reasons, Reason.DECAY, idleDecay(behaviour, age(newest, now)));
    }
    return new Score(fit, behaviour, fit + behaviour, config.grades().map(grades -> grades.grade(fit)), role,
        reasons);
  }

  private int fit(Lead lead, Optional<BuyingRole> role, List<Reason> reasons) {
    int fit = 0;
    for (FitRule rule : config.fit()) {
      if (rule.condition().holds(lead, role)) {
        fit += add(reasons, rule.id(), rule.points());
      }
    }
    return fit;
  }

  private static int add(List<Reason> reasons, String rule, int points) {
    if (points != 0) {
      reasons.add(new Reason(rule, points));
    }
    return points;
  }

  /** The times of the events the rule counts: all that match, or the latest of each day for a per-day rule. */
  private static Collection<Instant> counted(BehaviourRule rule, List<BehaviourEvent> events) {
    List<Instant> matching = new ArrayList<>();
    for (BehaviourEvent event : events) {
      if (rule.matches(event)) {
        matching.add(event.at());
      }
    }
    if (!rule.perDay()) {
      return matching;
    }
    Map<LocalDate, Instant> latestOfDay = new HashMap<>();
    for (Instant at : matching) {
      latestOfDay.merge(LocalDate.ofInstant(at, DAYS), at, BinaryOperator.maxBy(Comparator.naturalOrder()));
    }
    return latestOfDay.values();
  }

  /** The change idle days make to the behaviour points: towards zero, never past it. */
  private int idleDecay(int behaviour, Duration idle) {
    int deduction = Math.min(Math.abs(behaviour), config.decay().deduction(idle));
    return -Integer.signum(behaviour) * deduction;
  }

  private static Duration age(Instant at, Instant now) {
    Duration age = Duration.between(at, now);
    return age.isNegative() ? Duration.ZERO : age;
  }
}
