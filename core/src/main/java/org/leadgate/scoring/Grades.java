package org.leadgate.scoring;

import java.util.Optional;
import org.leadgate.config.ConfigNode;

/** Fit points needed for grades A, B and C (each lower than the one before); below C the grade is D. */
public record Grades(int a, int b, int c) {
  public Grades {
    if (!(a > b && b > c)) {
      throw new IllegalArgumentException("grades must fall from A to C, were " + a + ", " + b + ", " + c);
    }
  }

  public String grade(int fit) {
    if (fit >= a) {
      return "A";
    }
    if (fit >= b) {
      return "B";
    }
    return fit >= c ? "C" : "D";
  }

  static Optional<Grades> from(ConfigNode node) {
    if (!node.isPresent()) {
      return Optional.empty();
    }
    node.allowOnly("A", "B", "C");
    int a = ScoringConfig.points(node, "A");
    int b = ScoringConfig.points(node, "B");
    int c = ScoringConfig.points(node, "C");
    if (b >= a) {
      throw node.error("B", "must be below A (" + a + ") but was " + b);
    }
    if (c >= b) {
      throw node.error("C", "must be below B (" + b + ") but was " + c);
    }
    return Optional.of(new Grades(a, b, c));
  }
}
