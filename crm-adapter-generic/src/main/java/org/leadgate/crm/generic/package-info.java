/**
 * The generic CRM adapter ({@code crm.adapter: generic-http}): writes leads to any HTTP/JSON CRM through configured
 * request templates (create, update, batch upsert), with the CRM's record id read from its answers, static, OAuth 2.0
 * or signed authentication, a per-target circuit breaker, and presets for known CRMs ({@code preset:
 * hubspot-contacts}, {@code preset: pipedrive-persons}) shipped in {@code presets/}. The entry point is
 * {@link org.leadgate.crm.generic.GenericHttpAdapterFactory}; templates live in
 * {@link org.leadgate.crm.generic.template}, credentials in {@link org.leadgate.crm.generic.auth}.
 */
package org.leadgate.crm.generic;
