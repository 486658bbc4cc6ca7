/**
 * The guard around each remote enrichment provider ({@link org.leadgate.enrichment.guard.GuardedProvider}): a cache of
 * answers, a durable call budget, a circuit breaker and retries of transient failures, configured per provider by a
 * {@link org.leadgate.enrichment.guard.ProviderPolicy}.
 */
package org.leadgate.enrichment.guard;
