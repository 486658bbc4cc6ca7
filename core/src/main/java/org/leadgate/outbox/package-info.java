/**
 * The delivery outbox: a worker that hands stored leads to the CRM with backoff, dead letters and replay, and the
 * terminal stage of the delivery pipeline.
 */
package org.leadgate.outbox;
