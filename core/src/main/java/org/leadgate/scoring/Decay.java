package org.leadgate.scoring;

import java.time.Duration;
import java.util.Objects;
import org.leadgate.config.ConfigNode;

/** How behaviour points fade when nothing happens; fit points never decay. */
public sealed interface Decay permits Decay.None, Decay.HalfLife, Decay.IdleDays {
  Decay NONE = new None();

  /** The share of an event's points left after {@code age}, from 1 down to 0. */
  double weight(Duration age);

  /** Points taken off the behaviour score (towards zero) after {@code idle} time without a scored event. */
  int deduction(Duration idle);

  /** Behaviour points stay as they are. */
  record None() implements Decay {
    @Override
    public double weight(Duration age) {
      return 1;
    }

    @Override
    public int deduction(Duration idle) {
      return 0;
    }
  }

  /** Each event's points halve every {@code halfLife}: points × 0.5^(age / halfLife). */
  record HalfLife(Duration halfLife) implements Decay {
    public HalfLife {
      if (halfLife.isNegative() || halfLife.isZero()) {
        throw new IllegalArgumentException("halfLife must be longer than zero, was " + halfLife);
      }
    }

    @Override
    public double weight(Duration age) {
      return Math.pow(0.5, (double) age.toMillis() / halfLife.toMillis());
    }

    @Override
    public int deduction(Duration idle) {
      return 0;
    }
  }

  /** After {@code after} without a scored event, each further whole day takes {@code pointsPerDay} off. */
  record IdleDays(int pointsPerDay, Duration after) implements Decay {
    public IdleDays {
      Objects.requireNonNull(after, "after");
    }

    @Override
    public double weight(Duration age) {
      return 1;
    }

    @Override
    public int deduction(Duration idle) {
      long days = idle.minus(after).toDays();
      return days <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, days * pointsPerDay);
    }
  }

  static Decay from(ConfigNode node) {
    node.allowOnly("halfLife", "pointsPerIdleDay", "after");
    if (node.has("halfLife") && node.has("pointsPerIdleDay")) {
      throw node.error("pointsPerIdleDay", "cannot be combined with halfLife; choose one way to decay");
    }
    if (node.has("after") && !node.has("pointsPerIdleDay")) {
      throw node.error("after", "applies only with pointsPerIdleDay");
    }
    if (node.has("halfLife")) {
      Duration halfLife = node.duration("halfLife", Duration.ZERO);
      if (halfLife.isZero()) {
        throw node.error("halfLife", "must be longer than zero");
      }
      return new HalfLife(halfLife);
    }
    if (node.has("pointsPerIdleDay")) {
      return new IdleDays(node.integer("pointsPerIdleDay", 1, 1, ScoringConfig.MAX_POINTS),
          node.duration("after", Duration.ZERO));
    }
    return NONE;
  }
}
