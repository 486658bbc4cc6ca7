package org.leadgate.enrichment.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderOutcome;
import org.leadgate.lead.Provenance;
import org.leadgate.testing.MutableClock;

/** A provider step that answers from a script, takes the time it is told, and records what it was asked. */
final class ScriptedStep implements ProviderStep {
  private final String name;
  private final Provenance.Source source;
  private final MutableClock clock;
  private final Deque<ProviderOutcome> answers = new ArrayDeque<>();
  final List<LookupQuery> asked = new ArrayList<>();
  final List<Duration> timesLeft = new ArrayList<>();
  Duration takes = Duration.ZERO;
  Function<EnrichmentInput, Optional<LookupQuery>> query =
      input -> input.domain().map(domain -> LookupQuery.of("domain", domain));
  boolean available = true;

  ScriptedStep(String name, Provenance.Source source, MutableClock clock) {
    this.name = name;
    this.source = source;
    this.clock = clock;
  }

  ScriptedStep answers(ProviderOutcome... outcomes) {
    answers.addAll(List.of(outcomes));
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Provenance.Source source() {
    return source;
  }

  @Override
  public Optional<LookupQuery> query(EnrichmentInput input) {
    return query.apply(input);
  }

  @Override
  public ProviderOutcome lookup(LookupQuery query, Duration timeLeft) {
    asked.add(query);
    timesLeft.add(timeLeft);
    clock.advance(takes);
    ProviderOutcome next = answers.poll();
    if (next == null) {
      throw new AssertionError(name + " was asked more often than scripted");
    }
    return next;
  }

  @Override
  public boolean available() {
    return available;
  }

  @Override
  public Map<String, Object> health() {
    return Map.of("name", name);
  }
}
