package org.leadgate.enrichment;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.leadgate.lead.Provenance;

/**
 * One source of enrichment data (a local database, a vendor API). Implementations are thread-safe; the gateway
 * wraps each remote provider with its cache, call budget, circuit breaker and retry, so a provider itself only
 * translates a query into a lookup and the answer into a {@link ProviderResult}, never throwing for answers it
 * can classify.
 */
public interface EnrichmentProvider extends AutoCloseable {

  /** What this provider would look up for this input, or empty when the input has nothing it can use. */
  Optional<LookupQuery> query(EnrichmentInput input);

  /**
   * Looks the query up, answering within {@code timeout} (HTTP providers set it as the call timeout). A timeout is a
   * {@link ProviderResult.Failed} of kind {@link ProviderResult.Kind#TRANSIENT}.
   */
  ProviderResult lookup(LookupQuery query, Duration timeout);

  /**
   * The kind of source its values are: {@link Provenance.Source#IP_DERIVED} for providers that look up the IP
   * (geolocation, IP-to-company), {@link Provenance.Source#PROVIDER} for company data looked up by domain or name.
   */
  default Provenance.Source source() {
    return Provenance.Source.PROVIDER;
  }

  /** True when lookups leave the machine (then cache, budget and circuit breaker apply). */
  default boolean remote() {
    return true;
  }

  /** What health shows about this provider beyond the gateway's own figures, for example a database's build date. */
  default Map<String, Object> health() {
    return Map.of();
  }

  @Override
  default void close() {}
}
