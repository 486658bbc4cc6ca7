package org.leadgate.enrichment.guard;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.lead.Provenance;
import org.leadgate.testing.MutableClock;

/**
 * A provider that answers each lookup with the next scripted answer, moving the clock by the time the answer
 * takes (10 ms unless scripted otherwise), and records every lookup. A lookup beyond the script fails the test.
 */
final class ScriptedProvider implements EnrichmentProvider {
  static final Duration QUICK = Duration.ofMillis(10);

  /** One lookup the provider was asked for. */
  record Call(LookupQuery query, Duration timeout) {}

  private record Step(ProviderResult result, RuntimeException failure, Duration takes) {}

  private final MutableClock clock;
  private final Deque<Step> script = new ArrayDeque<>();
  private final List<Call> calls = new ArrayList<>();

  ScriptedProvider(MutableClock clock) {
    this.clock = clock;
  }

  /** Queues quick answers. */
  synchronized ScriptedProvider answer(ProviderResult... results) {
    for (ProviderResult result : results) {
      answerAfter(QUICK, result);
    }
    return this;
  }

  /** Queues an answer that takes {@code takes} to come. */
  synchronized ScriptedProvider answerAfter(Duration takes, ProviderResult result) {
    script.add(new Step(result, null, takes));
    return this;
  }

  /** Queues an exception, thrown as a provider bug would be. */
  synchronized ScriptedProvider fail(RuntimeException failure) {
    script.add(new Step(null, failure, QUICK));
    return this;
  }

  @Override
  public Optional<LookupQuery> query(EnrichmentInput input) {
    return input.domain().map(domain -> LookupQuery.of("domain", domain));
  }

  @Override
  public synchronized ProviderResult lookup(LookupQuery query, Duration timeout) {
    calls.add(new Call(query, timeout));
    Step step = script.poll();
    if (step == null) {
      throw new AssertionError("unexpected lookup #" + calls.size() + " of " + query);
    }
    clock.advance(step.takes());
    if (step.failure() != null) {
      throw step.failure();
    }
    return step.result();
  }

  @Override
  public Provenance.Source source() {
    return Provenance.Source.IP_DERIVED;
  }

  @Override
  public Map<String, Object> health() {
    return Map.of("databaseBuilt", "2026-11-01");
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }
}
