/**
 * Bulk API 2.0 backfill for large runs: {@link org.leadgate.crm.salesforce.bulk.BulkBackfill} upserts (or updates)
 * leads with ingest jobs (create, upload CSV, close, poll, read successful and failed results) and answers one
 * delivery result per lead, like {@code deliverAll}.
 */
package org.leadgate.crm.salesforce.bulk;
