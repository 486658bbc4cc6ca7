/**
 * Runs enrichment: the waterfall over a form's providers within a lead's time budget, the parallel enrichment of
 * the leads the delivery worker is about to deliver, their storage (fields, gaps, truncated IP), the re-enrichment
 * job that fills gaps once providers are back, and the figures health shows.
 */
package org.leadgate.enrichment.engine;
