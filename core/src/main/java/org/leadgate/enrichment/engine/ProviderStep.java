package org.leadgate.enrichment.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderOutcome;
import org.leadgate.lead.Provenance;

/** One provider as the waterfall sees it: a local one as it is, a remote one behind its guard. */
interface ProviderStep {
  String name();

  Provenance.Source source();

  Optional<LookupQuery> query(EnrichmentInput input);

  ProviderOutcome lookup(LookupQuery query, Duration timeLeft);

  /** False while its circuit is open or its budget spent: gaps for it are not worth trying again yet. */
  boolean available();

  Map<String, Object> health();
}
