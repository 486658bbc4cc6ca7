package org.leadgate.enrichment.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.leadgate.lead.Lead;

/**
 * What one waterfall made of a lead.
 *
 * @param lead the lead with every value found merged in by precedence
 * @param gaps provider name to why it could not answer (down, open, out of budget or time); empty when the lead was
 *     accepted or every provider answered
 * @param retryAt the earliest time a provider asked us to come back ({@code Retry-After}), if one did
 */
record EnrichmentRun(Lead lead, Map<String, String> gaps, Optional<Instant> retryAt) {
  EnrichmentRun {
    gaps = Collections.unmodifiableMap(new LinkedHashMap<>(gaps));
  }

  boolean complete() {
    return gaps.isEmpty();
  }
}
