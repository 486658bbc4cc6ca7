package org.leadgate.scoring;

/**
 * Why a score has some of its points.
 *
 * @param rule the id of the rule that gave them, or {@link #DECAY} for points taken off after idle days
 * @param points what the rule adds now (negative to subtract), after decay
 */
public record Reason(String rule, int points) {
  /** The reason for the points that idle days took off; no rule may use this id. */
  public static final String DECAY = "decay";
}
