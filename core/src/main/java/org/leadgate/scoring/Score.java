package org.leadgate.scoring;

import java.util.List;
import java.util.Optional;

/**
 * A lead's score at one moment.
 *
 * @param fit points from fit rules (who the lead is); never decays
 * @param behaviour points from behaviour rules (what the lead did), after decay
 * @param total fit plus behaviour
 * @param grade {@code A} to {@code D} from the fit points, when grades are configured
 * @param role the buying-center role read from the job title, when a keyword matched
 * @param reasons each rule that gave points, in configuration order (fit first), summing to the total
 */
public record Score(
    int fit, int behaviour, int total, Optional<String> grade, Optional<BuyingRole> role, List<Reason> reasons) {
  public Score {
    if (total != fit + behaviour) {
      throw new IllegalArgumentException("total " + total + " is not fit " + fit + " plus behaviour " + behaviour);
    }
    reasons = List.copyOf(reasons);
  }
}
