package org.leadgate.enrichment;

import java.util.Objects;

/** What became of asking one guarded provider for one lead. */
public sealed interface ProviderOutcome {

  /** The provider (or its cache) answered. */
  record Answered(ProviderResult result, boolean cached) implements ProviderOutcome {
    public Answered {
      Objects.requireNonNull(result, "result");
    }
  }

  /** The provider was not asked; the lead keeps a gap for it that a later re-enrichment may fill. */
  record Skipped(SkipReason reason) implements ProviderOutcome {
    public Skipped {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why a provider was not asked. */
  enum SkipReason {
    /** Its circuit breaker is open after failures or slow calls. */
    CIRCUIT_OPEN("circuit-open"),
    /** Its daily or monthly call budget is spent. */
    BUDGET_SPENT("budget-spent"),
    /** The lead's time budget has run out. */
    NO_TIME_LEFT("no-time-left");

    private final String id;

    SkipReason(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }
}
