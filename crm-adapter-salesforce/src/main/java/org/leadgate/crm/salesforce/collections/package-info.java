/**
 * Writing records with sObject Collections (up to 200 records per call, {@code allOrNone=false}, results per
 * record): {@link org.leadgate.crm.salesforce.collections.CollectionWriter} sends upserts and updates, alone or
 * several in one Composite call; {@link org.leadgate.crm.salesforce.collections.LeadWriter} writes leads by external
 * id or Salesforce id and settles duplicate-rule matches as configured.
 */
package org.leadgate.crm.salesforce.collections;
