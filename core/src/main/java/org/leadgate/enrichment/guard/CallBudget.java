package org.leadgate.enrichment.guard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.leadgate.enrichment.UsageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's daily and monthly call limits, counted in a {@link UsageStore} per UTC day ({@code day:2026-11-23})
 * and month ({@code month:2026-11}) so that they hold across restarts and gateway instances.
 */
public final class CallBudget {
  private static final Logger LOG = LoggerFactory.getLogger(CallBudget.class);

  private final String provider;
  private final ProviderPolicy.Budget budget;
  private final UsageStore usage;
  private final Clock clock;
  private final AtomicReference<String> lastSpentPeriod = new AtomicReference<>();

  public CallBudget(String provider, ProviderPolicy.Budget budget, UsageStore usage, Clock clock) {
    this.provider = provider;
    this.budget = budget;
    this.usage = usage;
    this.clock = clock;
  }

  /** Counts one call if no limit is reached; false (nothing counted) when the day's or month's calls are spent. */
  public boolean tryCount() {
    List<UsageStore.Limit> limits = List.copyOf(limits().values());
    if (limits.isEmpty() || usage.tryCount(provider, limits)) {
      return true;
    }
    limits.stream().filter(this::reached).findFirst().ifPresent(this::logSpentOnce);
    return false;
  }

  /** True while the day's or the month's calls are spent. */
  public boolean spent() {
    return limits().values().stream().anyMatch(this::reached);
  }

  /** The configured limits with the calls used so far, and whether the budget is spent. */
  public Map<String, Object> health() {
    Map<String, Object> health = new LinkedHashMap<>();
    boolean spent = false;
    for (Map.Entry<String, UsageStore.Limit> entry : limits().entrySet()) {
      UsageStore.Limit limit = entry.getValue();
      long used = usage.used(provider, limit.period());
      spent |= used >= limit.max();
      health.put(entry.getKey(), Map.of("period", limit.period(), "used", used, "limit", limit.max()));
    }
    health.put("spent", spent);
    return health;
  }

  /** The configured limits of the current UTC day and month, by name ({@code daily}, {@code monthly}). */
  private Map<String, UsageStore.Limit> limits() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Map<String, UsageStore.Limit> limits = new LinkedHashMap<>();
    add(limits, "daily", "day:" + today, budget.daily());
    add(limits, "monthly", "month:" + YearMonth.from(today), budget.monthly());
    return limits;
  }

  private static void add(Map<String, UsageStore.Limit> limits, String name, String period, OptionalLong max) {
    max.ifPresent(m -> limits.put(name, new UsageStore.Limit(period, m)));
  }

  private boolean reached(UsageStore.Limit limit) {
    return usage.used(provider, limit.period()) >= limit.max();
  }

  private void logSpentOnce(UsageStore.Limit limit) {
    if (!limit.period().equals(lastSpentPeriod.getAndSet(limit.period()))) {
      LOG.warn("event=enrichment.budget_spent provider={} period={} limit={}", provider, limit.period(), limit.max());
    }
  }
}
