/**
 * Firmographic and IP-to-company enrichment over HTTP: one generic JSON provider ({@code http-json}, see
 * {@link org.leadgate.enrichment.http.HttpJsonProviderFactory}) and presets for People Data Labs, Apollo and IPinfo
 * that configure the same machinery. Each lookup is one GET whose answer is classified into a
 * {@link org.leadgate.enrichment.ProviderResult}; cache, budget, circuit breaker and retry are the gateway's.
 */
package org.leadgate.enrichment.http;
