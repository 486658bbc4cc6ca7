package org.leadgate.scoring;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One funnel stage, such as {@code lead}, {@code mql}, {@code tal}, {@code tql}, {@code sal} or {@code sql}.
 *
 * @param threshold the total score that reaches this stage automatically; empty for stages only the CRM sets
 */
public record Stage(String id, OptionalInt threshold) {
  public Stage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(threshold, "threshold");
  }

  /** Whether scoring moves leads into (and out of) this stage. */
  public boolean automatic() {
    return threshold.isPresent();
  }
}
