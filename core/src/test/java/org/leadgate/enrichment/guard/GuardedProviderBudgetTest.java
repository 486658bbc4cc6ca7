package org.leadgate.enrichment.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.enrichment.guard.GuardFixture.NO_MATCH;
import static org.leadgate.enrichment.guard.GuardFixture.PLENTY;
import static org.leadgate.enrichment.guard.GuardFixture.failed;
import static org.leadgate.enrichment.guard.GuardFixture.query;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.leadgate.enrichment.ProviderOutcome;
import org.leadgate.enrichment.ProviderOutcome.Answered;
import org.leadgate.enrichment.ProviderOutcome.SkipReason;
import org.leadgate.enrichment.ProviderOutcome.Skipped;
import org.leadgate.enrichment.ProviderResult.Kind;

class GuardedProviderBudgetTest {
  private static final Skipped BUDGET_SPENT = new Skipped(SkipReason.BUDGET_SPENT);

  private final GuardFixture fixture = new GuardFixture();
  private int queries;

  private ProviderOutcome lookup(GuardedProvider guard) {
    return guard.lookup(query(++queries), PLENTY);
  }

  @Test
  void once_the_daily_calls_are_spent_lookups_are_skipped_until_the_next_utc_day() {
    GuardedProvider guard = fixture.guard("budget: {daily: 2}");
    fixture.provider.answer(NO_MATCH, NO_MATCH, NO_MATCH);
    lookup(guard);
    assertTrue(guard.available());
    lookup(guard);

    assertEquals(BUDGET_SPENT, lookup(guard));
    assertEquals(2, fixture.provider.calls().size());
    assertFalse(guard.available());

    fixture.clock.set(Instant.parse("2026-11-24T00:00:00Z"));
    assertTrue(guard.available());
    assertEquals(new Answered(NO_MATCH, false), lookup(guard));
  }

  @Test
  void once_the_monthly_calls_are_spent_lookups_are_skipped_until_the_next_utc_month() {
    GuardedProvider guard = fixture.guard("budget: {daily: 10, monthly: 2}");
    fixture.provider.answer(NO_MATCH, NO_MATCH, NO_MATCH);
    lookup(guard);
    fixture.clock.advance(Duration.ofDays(1));
    lookup(guard);

    fixture.clock.advance(Duration.ofDays(1));
    assertEquals(BUDGET_SPENT, lookup(guard));
    fixture.clock.set(Instant.parse("2026-11-30T23:59:59Z"));
    assertEquals(BUDGET_SPENT, lookup(guard));

    fixture.clock.set(Instant.parse("2026-12-01T00:00:00Z"));
    assertEquals(new Answered(NO_MATCH, false), lookup(guard));
    assertEquals(1, fixture.usage.used("pdl", "month:2026-12"));
  }

  @Test
  void a_lookup_refused_by_the_budget_gives_its_trial_call_back_to_the_circuit() {
    GuardedProvider guard = fixture.guard("""
        retry: {attempts: 1}
        budget: {daily: 2}
        circuitBreaker: {window: 2, minimumCalls: 2, openFor: 60s, halfOpenCalls: 1}
        """);
    fixture.provider.answer(failed(Kind.TRANSIENT), failed(Kind.TRANSIENT), NO_MATCH);
    lookup(guard);
    lookup(guard);
    fixture.clock.advance(Duration.ofSeconds(61));

    assertEquals(BUDGET_SPENT, lookup(guard));

    fixture.clock.set(Instant.parse("2026-11-24T00:00:00Z"));
    assertEquals(new Answered(NO_MATCH, false), lookup(guard));
    assertEquals("CLOSED", guard.health().get("circuit"));
  }
}
