package org.leadgate.enrichment.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.enrichment.guard.GuardFixture.ACME;
import static org.leadgate.enrichment.guard.GuardFixture.PLENTY;
import static org.leadgate.enrichment.guard.GuardFixture.QUERY;
import static org.leadgate.enrichment.guard.GuardFixture.failed;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.leadgate.enrichment.ProviderOutcome.Answered;
import org.leadgate.enrichment.ProviderResult.Failed;
import org.leadgate.enrichment.ProviderResult.Kind;
import org.leadgate.testing.InMemoryUsageStore;

class GuardedProviderRetryTest {
  private static final String RETRY_THRICE = "retry: {attempts: 3, backoff: 200ms, maxWait: 5s}\n";
  private static final Failed TRANSIENT = failed(Kind.TRANSIENT);

  private final GuardFixture fixture = new GuardFixture();

  private static Failed tooManyRequests(Duration retryAfter) {
    return new Failed(Kind.TRANSIENT, "HTTP 429", Optional.of(retryAfter));
  }

  @Test
  void a_transient_failure_is_retried_after_a_doubling_backoff() {
    fixture.provider.answer(TRANSIENT, TRANSIENT, ACME);

    assertEquals(new Answered(ACME, false), fixture.guard(RETRY_THRICE).lookup(QUERY, PLENTY));
    assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), fixture.waits);
  }

  @Test
  void the_last_failure_is_answered_once_the_attempts_are_used_up() {
    fixture.provider.answer(TRANSIENT, TRANSIENT, TRANSIENT);

    assertEquals(new Answered(TRANSIENT, false), fixture.guard(RETRY_THRICE).lookup(QUERY, PLENTY));
    assertEquals(3, fixture.provider.calls().size());
  }

  @Test
  void the_backoff_never_exceeds_max_wait() {
    fixture.provider.answer(TRANSIENT, TRANSIENT, TRANSIENT, ACME);

    fixture.guard("retry: {attempts: 4, backoff: 2s, maxWait: 3s}").lookup(QUERY, PLENTY);

    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3)), fixture.waits);
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = {"UNAUTHORIZED", "OUT_OF_CREDITS", "BAD_RESPONSE"})
  void other_failures_are_not_retried(Kind kind) {
    fixture.provider.answer(failed(kind));

    assertEquals(new Answered(failed(kind), false), fixture.guard(RETRY_THRICE).lookup(QUERY, PLENTY));
    assertEquals(1, fixture.provider.calls().size());
    assertEquals(List.of(), fixture.waits);
  }

  @Test
  void a_retry_after_within_max_wait_is_waited_for_instead_of_the_backoff() {
    fixture.provider.answer(tooManyRequests(Duration.ofSeconds(3)), ACME);

    assertEquals(new Answered(ACME, false), fixture.guard(RETRY_THRICE).lookup(QUERY, PLENTY));
    assertEquals(List.of(Duration.ofSeconds(3)), fixture.waits);
  }

  @Test
  void a_retry_after_beyond_max_wait_ends_the_lookup_with_the_failure_and_its_retry_after() {
    fixture.provider.answer(tooManyRequests(Duration.ofSeconds(6)));

    assertEquals(new Answered(tooManyRequests(Duration.ofSeconds(6)), false),
        fixture.guard(RETRY_THRICE).lookup(QUERY, PLENTY));
    assertEquals(List.of(), fixture.waits);
  }

  @Test
  void a_retry_after_beyond_the_time_left_is_not_waited_for() {
    fixture.provider.answer(tooManyRequests(Duration.ofSeconds(3)));

    assertEquals(new Answered(tooManyRequests(Duration.ofSeconds(3)), false),
        fixture.guard(RETRY_THRICE).lookup(QUERY, Duration.ofSeconds(3)));
    assertEquals(List.of(), fixture.waits);
  }

  @Test
  void a_backoff_that_leaves_no_time_for_the_call_is_not_waited_for() {
    fixture.provider.answer(TRANSIENT);

    fixture.guard(RETRY_THRICE).lookup(QUERY, Duration.ofMillis(250));

    assertEquals(1, fixture.provider.calls().size());
    assertEquals(List.of(), fixture.waits);
  }

  @Test
  void a_retry_is_given_only_the_time_that_is_left() {
    fixture.provider.answerAfter(Duration.ofMillis(300), TRANSIENT).answer(ACME);

    fixture.guard("timeout: 2s\n" + RETRY_THRICE).lookup(QUERY, Duration.ofSeconds(1));

    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofMillis(500)),
        fixture.provider.calls().stream().map(ScriptedProvider.Call::timeout).toList());
  }

  @Test
  void every_retry_counts_against_the_budget_and_a_spent_budget_ends_the_retries() {
    fixture.provider.answer(TRANSIENT, TRANSIENT);
    GuardedProvider guard = fixture.guard("budget: {daily: 2}\n" + RETRY_THRICE);

    assertEquals(new Answered(TRANSIENT, false), guard.lookup(QUERY, PLENTY));
    assertEquals(2, fixture.provider.calls().size());
    assertEquals(2, fixture.usage.used("pdl", "day:2026-11-23"));
  }

  @Test
  void every_retry_is_reported_to_the_circuit_breaker() {
    fixture.provider.answer(TRANSIENT, TRANSIENT);
    GuardedProvider guard = fixture.guard(RETRY_THRICE + "circuitBreaker: {window: 2, minimumCalls: 2}");

    assertEquals(new Answered(TRANSIENT, false), guard.lookup(QUERY, PLENTY));
    assertEquals(2, fixture.provider.calls().size());
    assertEquals("OPEN", guard.health().get("circuit"));
  }

  @Test
  void an_interrupted_wait_ends_the_lookup_with_the_failure_and_keeps_the_interrupt() {
    fixture.provider.answer(TRANSIENT);
    GuardedProvider guard = new GuardedProvider("pdl", "people-data-labs", fixture.provider,
        GuardFixture.policy(RETRY_THRICE), fixture.clock, new InMemoryUsageStore(), duration -> {
          throw new InterruptedException();
        });

    try {
      assertEquals(new Answered(TRANSIENT, false), guard.lookup(QUERY, PLENTY));
      assertEquals(1, fixture.provider.calls().size());
    } finally {
      assertTrue(Thread.interrupted());
    }
  }
}
