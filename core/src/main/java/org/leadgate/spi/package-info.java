/**
 * Extension points found through {@link java.util.ServiceLoader}: factories with ids that build CRM adapters (and,
 * later, enrichment providers), and the values passed across them.
 */
package org.leadgate.spi;
