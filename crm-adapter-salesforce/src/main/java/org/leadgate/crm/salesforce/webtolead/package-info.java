/**
 * The Web-to-Lead drop-in ({@code /servlet/servlet.WebToLead}): takes the posts of Salesforce's generated lead
 * forms, submits them to the configured form, and sends the visitor on to {@code retURL} only on listed hosts.
 * Entry point: {@link org.leadgate.crm.salesforce.webtolead.WebToLeadHook}.
 */
package org.leadgate.crm.salesforce.webtolead;
