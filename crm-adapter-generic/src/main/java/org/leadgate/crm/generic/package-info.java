/**
 * The minimal generic CRM adapter ({@code crm.adapter: generic-http}): POSTs each lead as LeadGate's lead JSON to
 * one configured URL and maps the HTTP answer to a {@link org.leadgate.spi.DeliveryResult}.
 */
package org.leadgate.crm.generic;
