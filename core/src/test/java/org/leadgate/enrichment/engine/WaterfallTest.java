package org.leadgate.enrichment.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.leadgate.enrichment.EnrichedValue;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.ProviderOutcome;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.testing.MutableClock;

class WaterfallTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final ScriptedStep geo = new ScriptedStep("geo", Provenance.Source.IP_DERIVED, clock);
  private final ScriptedStep pdl = new ScriptedStep("pdl", Provenance.Source.PROVIDER, clock);
  private final ScriptedStep apollo = new ScriptedStep("apollo", Provenance.Source.PROVIDER, clock);

  private static ProviderOutcome found(String... pairs) {
    Map<String, EnrichedValue> fields = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put(pairs[i], new EnrichedValue(pairs[i + 1], 0.9));
    }
    return new ProviderOutcome.Answered(new ProviderResult.Found(fields, OptionalDouble.empty()), false);
  }

  private static ProviderOutcome failed(ProviderResult.Kind kind, Optional<Duration> retryAfter) {
    return new ProviderOutcome.Answered(new ProviderResult.Failed(kind, "test", retryAfter), false);
  }

  private static final ProviderOutcome NO_MATCH = new ProviderOutcome.Answered(new ProviderResult.NoMatch(), false);

  private Lead typed(String... pairs) {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put(pairs[i], new FieldValue(pairs[i + 1], Provenance.typed("contact", clock.instant())));
    }
    return new Lead("lead-1", "contact", clock.instant(), fields);
  }

  private EnrichmentRun run(List<ProviderStep> steps, Set<String> accept, Lead lead) {
    return new Waterfall(steps, accept, Duration.ofSeconds(3), clock)
        .run(new EnrichmentInput(lead, Optional.empty(), Optional.of("acme.de"), Optional.empty()));
  }

  @Test
  void providers_are_asked_in_order_until_the_lead_has_every_accept_field() {
    pdl.answers(found("company", "ACME GmbH"));
    apollo.answers(found("industry", "Software"));
    EnrichmentRun run = run(List.of(pdl, apollo, geo), Set.of("company", "industry"), typed("email", "a@acme.de"));

    assertEquals(1, pdl.asked.size());
    assertEquals(1, apollo.asked.size());
    assertTrue(geo.asked.isEmpty(), "the waterfall stopped once company and industry were known");
    assertEquals(Optional.of("Software"), run.lead().value("industry"));
    assertTrue(run.complete());
  }

  @Test
  void the_first_accepted_result_stops_the_waterfall() {
    pdl.answers(found("company", "ACME GmbH", "industry", "Software"));
    run(List.of(pdl, apollo), Set.of("company", "industry"), typed());
    assertTrue(apollo.asked.isEmpty());
  }

  @Test
  void a_typed_value_is_never_replaced_and_every_found_value_records_its_source() {
    geo.answers(found("country", "DE", "city", "Berlin"));
    Lead lead = typed("country", "AT");
    EnrichmentRun run = new Waterfall(List.of(geo), Set.of(), Duration.ofSeconds(3), clock)
        .run(new EnrichmentInput(lead, Optional.empty(), Optional.of("acme.de"), Optional.empty()));

    assertEquals("AT", run.lead().fields().get("country").value());
    assertEquals(Provenance.Source.TYPED, run.lead().fields().get("country").provenance().source());
    Provenance city = run.lead().fields().get("city").provenance();
    assertEquals(Provenance.Source.IP_DERIVED, city.source());
    assertEquals("provider:geo", city.origin());
    assertEquals(0.9, city.confidence());
    assertEquals(clock.instant(), city.at());
  }

  @Test
  void a_provider_value_replaces_an_ip_derived_one_but_not_the_other_way_round() {
    geo.answers(found("company", "Telekom Business"));
    pdl.answers(found("company", "ACME GmbH", "industry", "Software"));
    apollo.answers(found("industry", "Retail"));
    EnrichmentRun run = run(List.of(geo, pdl, apollo), Set.of(), typed());

    assertEquals("ACME GmbH", run.lead().value("company").orElseThrow());
    assertEquals("Software", run.lead().value("industry").orElseThrow(), "among equals the earlier provider wins");
  }

  @Test
  void a_failed_or_skipped_provider_leaves_a_gap_with_the_time_it_asked_us_to_wait() {
    pdl.answers(failed(ProviderResult.Kind.TRANSIENT, Optional.of(Duration.ofMinutes(5))));
    apollo.answers(new ProviderOutcome.Skipped(ProviderOutcome.SkipReason.CIRCUIT_OPEN));
    geo.answers(NO_MATCH);
    EnrichmentRun run = run(List.of(pdl, apollo, geo), Set.of("company"), typed());

    assertEquals(Map.of("pdl", "transient", "apollo", "circuit-open"), run.gaps());
    assertEquals(Optional.of(clock.instant().plus(Duration.ofMinutes(5))), run.retryAt());
  }

  @Test
  void gaps_do_not_count_when_a_later_provider_completed_the_lead() {
    pdl.answers(failed(ProviderResult.Kind.TRANSIENT, Optional.empty()));
    apollo.answers(found("company", "ACME GmbH"));
    EnrichmentRun run = run(List.of(pdl, apollo), Set.of("company"), typed());
    assertTrue(run.complete());
  }

  @Test
  void each_provider_gets_only_what_is_left_of_the_lead_budget() {
    pdl.takes = Duration.ofMillis(2500);
    pdl.answers(NO_MATCH);
    apollo.answers(NO_MATCH);
    run(List.of(pdl, apollo), Set.of("company"), typed());

    assertEquals(Duration.ofSeconds(3), pdl.timesLeft.get(0));
    assertEquals(Duration.ofMillis(500), apollo.timesLeft.get(0));
  }

  @Test
  void a_provider_with_nothing_to_look_up_is_not_asked() {
    EnrichmentRun run = new Waterfall(List.of(pdl), Set.of(), Duration.ofSeconds(3), clock)
        .run(new EnrichmentInput(typed(), Optional.empty(), Optional.empty(), Optional.empty()));
    assertTrue(pdl.asked.isEmpty());
    assertTrue(run.complete());
  }
}
