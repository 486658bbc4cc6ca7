package org.leadgate.enrichment;

/**
 * Builds an {@link EnrichmentProvider} from its configuration. Implementations register in
 * {@code META-INF/services/org.leadgate.enrichment.EnrichmentProviderFactory} and are named by {@link #id()} in
 * {@code enrichment.providers[].type}.
 */
public interface EnrichmentProviderFactory {
  /** The type id, for example {@code geoip2-database} or {@code people-data-labs}. */
  String id();

  /** Where this provider processes data unless its configuration says otherwise. */
  Region defaultRegion();

  /**
   * Validates the settings and builds the provider. A bad setting throws
   * {@link org.leadgate.config.ConfigException} naming the key (use {@link org.leadgate.config.ConfigNode#error}).
   */
  EnrichmentProvider create(EnrichmentContext context);
}
