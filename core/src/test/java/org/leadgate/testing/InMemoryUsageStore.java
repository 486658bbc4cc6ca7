package org.leadgate.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.leadgate.enrichment.UsageStore;

/** A {@link UsageStore} in memory, for tests. */
public final class InMemoryUsageStore implements UsageStore {
  private final Map<String, Long> counts = new HashMap<>();

  @Override
  public synchronized boolean tryCount(String provider, List<Limit> limits) {
    if (limits.stream().anyMatch(limit -> used(provider, limit.period()) >= limit.max())) {
      return false;
    }
    limits.forEach(limit -> counts.merge(key(provider, limit.period()), 1L, Long::sum));
    return true;
  }

  @Override
  public synchronized long used(String provider, String period) {
    return counts.getOrDefault(key(provider, period), 0L);
  }

  private static String key(String provider, String period) {
    return provider + "\n" + period;
  }
}
