/**
 * The Outbound Message webhook ({@code /hooks/salesforce/outbound}): reads Salesforce's SOAP notifications with a
 * hardened parser, submits each changed Lead to the configured form under its notification id, and acknowledges
 * the message only once every notification is stored. Entry point: {@link
 * org.leadgate.crm.salesforce.outbound.OutboundMessageHook}.
 */
package org.leadgate.crm.salesforce.outbound;
