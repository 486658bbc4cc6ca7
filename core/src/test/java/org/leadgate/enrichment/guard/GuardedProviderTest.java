package org.leadgate.enrichment.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leadgate.enrichment.guard.GuardFixture.ACME;
import static org.leadgate.enrichment.guard.GuardFixture.NO_MATCH;
import static org.leadgate.enrichment.guard.GuardFixture.PLENTY;
import static org.leadgate.enrichment.guard.GuardFixture.QUERY;
import static org.leadgate.enrichment.guard.GuardFixture.found;
import static org.leadgate.enrichment.guard.GuardFixture.query;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderOutcome.Answered;
import org.leadgate.enrichment.ProviderOutcome.SkipReason;
import org.leadgate.enrichment.ProviderOutcome.Skipped;
import org.leadgate.enrichment.ProviderResult.Failed;
import org.leadgate.enrichment.ProviderResult.Kind;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;

class GuardedProviderTest {
  private final GuardFixture fixture = new GuardFixture();

  @Test
  void with_too_little_time_left_the_provider_is_not_asked() {
    GuardedProvider guard = fixture.guard("");

    assertEquals(new Skipped(SkipReason.NO_TIME_LEFT), guard.lookup(QUERY, Duration.ZERO));
    assertEquals(new Skipped(SkipReason.NO_TIME_LEFT), guard.lookup(QUERY, Duration.ofMillis(-5)));
    assertEquals(new Skipped(SkipReason.NO_TIME_LEFT), guard.lookup(QUERY, Duration.ofMillis(49)));
    assertEquals(List.of(), fixture.provider.calls());
  }

  @Test
  void a_cached_answer_is_given_even_without_time_left() {
    GuardedProvider guard = fixture.guard("");
    fixture.provider.answer(ACME);
    guard.lookup(QUERY, PLENTY);

    assertEquals(new Answered(ACME, true), guard.lookup(QUERY, Duration.ZERO));
  }

  @Test
  void a_call_may_take_the_policy_timeout_when_the_lead_has_more_time() {
    fixture.provider.answer(ACME);

    fixture.guard("timeout: 1500ms").lookup(QUERY, PLENTY);

    assertEquals(Duration.ofMillis(1500), fixture.provider.calls().get(0).timeout());
  }

  @Test
  void a_found_result_less_likely_than_the_minimum_counts_as_no_match_and_is_cached_as_one() {
    GuardedProvider guard = fixture.guard("minLikelihood: 0.7");
    fixture.provider.answer(found(0.5), found(0.7), ACME);

    assertEquals(new Answered(NO_MATCH, false), guard.lookup(QUERY, PLENTY));
    assertEquals(new Answered(NO_MATCH, true), guard.lookup(QUERY, PLENTY));
    assertEquals(new Answered(found(0.7), false), guard.lookup(query(2), PLENTY));
    assertEquals(new Answered(ACME, false), guard.lookup(query(3), PLENTY));
  }

  @Test
  void a_provider_that_throws_answers_a_bad_response_naming_only_the_exception_type() {
    fixture.provider.fail(new IllegalStateException("acme.de went wrong"));

    assertEquals(new Answered(new Failed(Kind.BAD_RESPONSE, "the provider threw java.lang.IllegalStateException"),
        false), fixture.guard("").lookup(QUERY, PLENTY));
  }

  @Test
  void query_and_source_are_the_providers() throws Exception {
    GuardedProvider guard = fixture.guard("");
    EnrichmentInput input = new EnrichmentInput(new Lead("lead-1", "contact", Instant.EPOCH, Map.of()),
        Optional.of(InetAddress.getByName("203.0.113.7")), Optional.of("acme.de"), Optional.empty());

    assertEquals(Optional.of(LookupQuery.of("domain", "acme.de")), guard.query(input));
    assertEquals(Provenance.Source.IP_DERIVED, guard.source());
  }

  @Test
  void health_shows_the_guard_figures_and_the_providers_own() {
    GuardedProvider guard = fixture.guard("region: eu\nbudget: {daily: 100, monthly: 1000}");
    fixture.provider.answer(ACME);
    guard.lookup(QUERY, PLENTY);
    guard.lookup(QUERY, PLENTY);

    assertEquals(Map.of(
        "name", "pdl",
        "type", "people-data-labs",
        "region", "eu",
        "circuit", "CLOSED",
        "cache", Map.of("size", 1L, "hitRate", 0.5),
        "budget", Map.of(
            "daily", Map.of("period", "day:2026-11-23", "used", 1L, "limit", 100L),
            "monthly", Map.of("period", "month:2026-11", "used", 1L, "limit", 1000L),
            "spent", false),
        "provider", Map.of("databaseBuilt", "2026-11-01")), guard.health());
  }

  @Test
  void health_without_limits_shows_an_unspent_budget() {
    assertEquals(Map.of("spent", false), fixture.guard("").health().get("budget"));
  }
}
