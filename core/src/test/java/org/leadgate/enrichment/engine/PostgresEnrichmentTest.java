package org.leadgate.enrichment.engine;

import org.leadgate.storage.Backend;

class PostgresEnrichmentTest extends EnrichmentContract {
  PostgresEnrichmentTest() {
    super(Backend.POSTGRESQL);
  }
}
