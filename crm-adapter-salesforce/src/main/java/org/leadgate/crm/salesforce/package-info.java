/**
 * The Salesforce CRM adapter ({@code crm.adapter: salesforce}): writes leads back to Salesforce Lead records by
 * upsert on an external id with sObject Collections, with OAuth sessions, field mapping, consent write-back and a
 * Bulk API 2.0 backfill. {@link org.leadgate.crm.salesforce.SalesforceAdapterFactory} builds it from
 * {@code crm.settings}.
 */
package org.leadgate.crm.salesforce;
