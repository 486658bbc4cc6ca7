package org.leadgate.enrichment.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.enrichment.guard.GuardFixture.NO_MATCH;
import static org.leadgate.enrichment.guard.GuardFixture.PLENTY;
import static org.leadgate.enrichment.guard.GuardFixture.failed;
import static org.leadgate.enrichment.guard.GuardFixture.query;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.leadgate.enrichment.ProviderOutcome;
import org.leadgate.enrichment.ProviderOutcome.Answered;
import org.leadgate.enrichment.ProviderOutcome.SkipReason;
import org.leadgate.enrichment.ProviderOutcome.Skipped;
import org.leadgate.enrichment.ProviderResult.Kind;

class GuardedProviderCircuitTest {
  private static final Duration OPEN_FOR = Duration.ofSeconds(60);

  private final GuardFixture fixture = new GuardFixture();
  private final GuardedProvider guard = fixture.guard("""
      timeout: 2s
      retry: {attempts: 1}
      circuitBreaker: {failureRate: 50, slowCall: 1s, slowCallRate: 50, window: 4, minimumCalls: 4, openFor: 60s,
                       halfOpenCalls: 2}
      """);
  private int queries;

  private ProviderOutcome lookup() {
    return guard.lookup(query(++queries), PLENTY);
  }

  private void openTheCircuit() {
    fixture.provider.answer(NO_MATCH, NO_MATCH, failed(Kind.TRANSIENT), failed(Kind.BAD_RESPONSE));
    for (int i = 0; i < 4; i++) {
      lookup();
    }
  }

  @Test
  void the_circuit_stays_closed_below_the_failure_rate() {
    fixture.provider.answer(NO_MATCH, NO_MATCH, NO_MATCH, failed(Kind.TRANSIENT), NO_MATCH);
    for (int i = 0; i < 4; i++) {
      lookup();
    }

    assertEquals(new Answered(NO_MATCH, false), lookup());
    assertEquals("CLOSED", guard.health().get("circuit"));
  }

  @Test
  void the_circuit_opens_at_the_failure_rate_and_then_skips_without_calling() {
    openTheCircuit();

    assertEquals(new Skipped(SkipReason.CIRCUIT_OPEN), lookup());
    assertEquals(4, fixture.provider.calls().size());
    assertEquals("OPEN", guard.health().get("circuit"));
    assertFalse(guard.available());
  }

  @Test
  void credentials_refused_and_out_of_credits_count_as_failures() {
    fixture.provider.answer(NO_MATCH, NO_MATCH, failed(Kind.UNAUTHORIZED), failed(Kind.OUT_OF_CREDITS));
    for (int i = 0; i < 4; i++) {
      lookup();
    }

    assertEquals(new Skipped(SkipReason.CIRCUIT_OPEN), lookup());
  }

  @Test
  void the_circuit_opens_when_answers_come_too_slowly() {
    for (int i = 0; i < 4; i++) {
      fixture.provider.answerAfter(Duration.ofMillis(i < 2 ? 1500 : 100), NO_MATCH);
      assertEquals(new Answered(NO_MATCH, false), lookup());
    }

    assertEquals(new Skipped(SkipReason.CIRCUIT_OPEN), lookup());
  }

  @Test
  void after_open_for_trial_calls_go_through_and_successes_close_the_circuit() {
    openTheCircuit();
    fixture.clock.advance(OPEN_FOR.minusSeconds(1));
    assertEquals(new Skipped(SkipReason.CIRCUIT_OPEN), lookup());
    assertFalse(guard.available());

    fixture.clock.advance(Duration.ofSeconds(2));
    assertTrue(guard.available());
    fixture.provider.answer(NO_MATCH, NO_MATCH);
    assertEquals(new Answered(NO_MATCH, false), lookup());
    assertEquals("HALF_OPEN", guard.health().get("circuit"));
    assertEquals(new Answered(NO_MATCH, false), lookup());

    assertEquals("CLOSED", guard.health().get("circuit"));
  }

  @Test
  void failed_trial_calls_open_the_circuit_again() {
    openTheCircuit();
    fixture.clock.advance(OPEN_FOR.plusSeconds(1));

    fixture.provider.answer(failed(Kind.TRANSIENT), failed(Kind.TRANSIENT));
    lookup();
    lookup();

    assertEquals("OPEN", guard.health().get("circuit"));
    assertEquals(new Skipped(SkipReason.CIRCUIT_OPEN), lookup());
    assertEquals(6, fixture.provider.calls().size());
  }
}
