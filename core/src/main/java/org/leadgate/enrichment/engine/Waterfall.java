package org.leadgate.enrichment.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leadgate.enrichment.EnrichedValue;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderOutcome;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a form's providers in order within one lead's time budget and stops as soon as the lead has every accept
 * field. A value found is merged only where the lead has none yet or a weaker one (typed &gt; CRM &gt; provider
 * &gt; IP-derived &gt; request); among equals the earlier provider wins. Each value records its provider, time and
 * confidence. A provider that failed or was skipped leaves a gap, unless the lead was accepted anyway.
 */
final class Waterfall {
  private static final Logger LOG = LoggerFactory.getLogger(Waterfall.class);

  private final List<ProviderStep> steps;
  private final Set<String> acceptFields;
  private final Duration budget;
  private final Clock clock;

  Waterfall(List<ProviderStep> steps, Set<String> acceptFields, Duration budget, Clock clock) {
    this.steps = List.copyOf(steps);
    this.acceptFields = Set.copyOf(acceptFields);
    this.budget = budget;
    this.clock = clock;
  }

  List<ProviderStep> steps() {
    return steps;
  }

  EnrichmentRun run(EnrichmentInput input) {
    Instant deadline = clock.instant().plus(budget);
    Lead lead = input.lead();
    Map<String, String> gaps = new LinkedHashMap<>();
    Optional<Instant> retryAt = Optional.empty();
    for (ProviderStep step : steps) {
      if (accepted(lead)) {
        return new EnrichmentRun(lead, Map.of(), Optional.empty());
      }
      Optional<LookupQuery> query = step.query(new EnrichmentInput(lead, input.ip(), input.domain(),
          input.companyName()));
      if (query.isEmpty()) {
        continue;
      }
      ProviderOutcome outcome = step.lookup(query.get(), Duration.between(clock.instant(), deadline));
      if (outcome instanceof ProviderOutcome.Skipped skipped) {
        gaps.put(step.name(), skipped.reason().id());
        LOG.debug("event=enrichment.skipped lead={} provider={} reason={}", lead.id(), step.name(),
            skipped.reason().id());
        continue;
      }
      ProviderResult result = ((ProviderOutcome.Answered) outcome).result();
      if (result instanceof ProviderResult.Found found) {
        lead = merge(lead, step, found.fields());
      } else if (result instanceof ProviderResult.Failed failed) {
        gaps.put(step.name(), failed.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        if (failed.retryAfter().isPresent()) {
          Instant at = clock.instant().plus(failed.retryAfter().get());
          retryAt = Optional.of(retryAt.filter(earlier -> earlier.isBefore(at)).orElse(at));
        }
        LOG.info("event=enrichment.provider_failed lead={} provider={} kind={}", lead.id(), step.name(),
            failed.kind());
      }
    }
    if (accepted(lead)) {
      return new EnrichmentRun(lead, Map.of(), Optional.empty());
    }
    return new EnrichmentRun(lead, gaps, gaps.isEmpty() ? Optional.empty() : retryAt);
  }

  private boolean accepted(Lead lead) {
    return !acceptFields.isEmpty() && lead.fields().keySet().containsAll(acceptFields);
  }

  private Lead merge(Lead lead, ProviderStep step, Map<String, EnrichedValue> found) {
    Instant now = clock.instant();
    return mergeAll(lead, found, step.source(), "provider:" + step.name(), now);
  }

  /** Merges {@code values} into {@code lead} where it has no value or only a weaker one. */
  static Lead mergeAll(Lead lead, Map<String, EnrichedValue> values, Provenance.Source source, String origin,
      Instant at) {
    Map<String, FieldValue> fields = new LinkedHashMap<>(lead.fields());
    boolean changed = false;
    for (Map.Entry<String, EnrichedValue> entry : values.entrySet()) {
      Provenance provenance = new Provenance(source, origin, at, entry.getValue().confidence());
      FieldValue existing = fields.get(entry.getKey());
      if (existing == null || provenance.outranks(existing.provenance())) {
        fields.put(entry.getKey(), new FieldValue(entry.getValue().value(), provenance));
        changed = true;
      }
    }
    return changed ? new Lead(lead.id(), lead.formId(), lead.receivedAt(), fields, lead.permissions()) : lead;
  }
}
