package org.leadgate.scoring;

import java.util.Map;
import java.util.Objects;
import org.leadgate.config.ConfigNode;

/**
 * Points for each event of one type, optionally only events with certain properties.
 *
 * @param where properties the event must have, compared ignoring case
 * @param perDay count at most one such event per calendar day (Europe/Berlin)
 */
public record BehaviourRule(String id, String event, Map<String, String> where, int points, boolean perDay) {
  public BehaviourRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(event, "event");
    where = Map.copyOf(where);
  }

  boolean matches(BehaviourEvent candidate) {
    if (!Keywords.fold(candidate.type()).equals(Keywords.fold(event))) {
      return false;
    }
    for (Map.Entry<String, String> wanted : where.entrySet()) {
      String actual = candidate.properties().get(wanted.getKey());
      if (actual == null || !Keywords.fold(actual).equals(Keywords.fold(wanted.getValue()))) {
        return false;
      }
    }
    return true;
  }

  static BehaviourRule from(ConfigNode node) {
    node.allowOnly("id", "event", "where", "points", "perDay");
    return new BehaviourRule(node.string("id"), node.string("event"), node.stringMap("where"),
        ScoringConfig.points(node, "points"), node.bool("perDay", false));
  }
}
