/**
 * Inbound webhooks of the generic CRM adapter: {@code POST /hooks/generic/{source}} takes JSON (one object or an
 * array) from a CRM or another system, authenticated by an HMAC signature or a bearer token, and turns each item
 * into a lead through a configured mapping of JSON pointers. Built from {@code crm.settings.inbound} by
 * {@link org.leadgate.crm.generic.inbound.GenericWebhooks#from}.
 */
package org.leadgate.crm.generic.inbound;
