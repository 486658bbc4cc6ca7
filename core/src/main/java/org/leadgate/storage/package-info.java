/**
 * Durable storage on SQLite or PostgreSQL: the pool and migrations ({@link org.leadgate.storage.Database}), all SQL
 * ({@link org.leadgate.storage.LeadStore}), the delivery log ({@link org.leadgate.storage.DeliveryLog}), and grouped
 * commits for intake ({@link org.leadgate.storage.GroupCommitWriter}).
 */
package org.leadgate.storage;
