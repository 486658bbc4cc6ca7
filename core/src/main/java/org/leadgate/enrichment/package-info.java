/**
 * Enrichment after the durable accept: the provider SPI ({@link org.leadgate.enrichment.EnrichmentProvider} and its
 * factory), the input a provider may see, its results, and the waterfall that runs providers in order within a
 * per-lead time budget and merges their values by precedence (typed &gt; CRM &gt; provider &gt; IP-derived).
 */
package org.leadgate.enrichment;
