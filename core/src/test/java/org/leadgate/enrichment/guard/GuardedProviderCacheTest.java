package org.leadgate.enrichment.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leadgate.enrichment.guard.GuardFixture.ACME;
import static org.leadgate.enrichment.guard.GuardFixture.NO_MATCH;
import static org.leadgate.enrichment.guard.GuardFixture.PLENTY;
import static org.leadgate.enrichment.guard.GuardFixture.QUERY;
import static org.leadgate.enrichment.guard.GuardFixture.failed;
import static org.leadgate.enrichment.guard.GuardFixture.query;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.leadgate.enrichment.ProviderOutcome.Answered;
import org.leadgate.enrichment.ProviderResult.Kind;

class GuardedProviderCacheTest {
  private final GuardFixture fixture = new GuardFixture();
  private final GuardedProvider guard = fixture.guard("cache: {ttl: 30d, negativeTtl: 7d}");

  @Test
  void a_second_lookup_of_the_same_query_is_answered_from_the_cache_without_a_call() {
    fixture.provider.answer(ACME);

    assertEquals(new Answered(ACME, false), guard.lookup(QUERY, PLENTY));
    assertEquals(new Answered(ACME, true), guard.lookup(QUERY, PLENTY));
    assertEquals(1, fixture.provider.calls().size());
  }

  @Test
  void another_query_is_not_answered_from_the_cache() {
    fixture.provider.answer(ACME, NO_MATCH);
    guard.lookup(QUERY, PLENTY);

    assertEquals(new Answered(NO_MATCH, false), guard.lookup(query(2), PLENTY));
  }

  @Test
  void a_found_answer_is_asked_again_once_its_ttl_has_passed() {
    fixture.provider.answer(ACME, ACME);
    guard.lookup(QUERY, PLENTY);

    fixture.clock.advance(Duration.ofDays(30).minusSeconds(1));
    assertEquals(new Answered(ACME, true), guard.lookup(QUERY, PLENTY));
    fixture.clock.advance(Duration.ofSeconds(1));
    assertEquals(new Answered(ACME, false), guard.lookup(QUERY, PLENTY));
    assertEquals(2, fixture.provider.calls().size());
  }

  @Test
  void a_no_match_is_cached_only_for_the_negative_ttl() {
    fixture.provider.answer(NO_MATCH, ACME);
    guard.lookup(QUERY, PLENTY);

    fixture.clock.advance(Duration.ofDays(7).minusSeconds(1));
    assertEquals(new Answered(NO_MATCH, true), guard.lookup(QUERY, PLENTY));
    fixture.clock.advance(Duration.ofSeconds(1));
    assertEquals(new Answered(ACME, false), guard.lookup(QUERY, PLENTY));
  }

  @Test
  void a_failure_is_never_cached() {
    fixture.provider.answer(failed(Kind.UNAUTHORIZED), ACME);

    assertEquals(new Answered(failed(Kind.UNAUTHORIZED), false), guard.lookup(QUERY, PLENTY));
    assertEquals(new Answered(ACME, false), guard.lookup(QUERY, PLENTY));
    assertEquals(2, fixture.provider.calls().size());
  }
}
