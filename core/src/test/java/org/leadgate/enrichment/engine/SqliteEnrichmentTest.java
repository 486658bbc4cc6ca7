package org.leadgate.enrichment.engine;

import org.leadgate.storage.Backend;

class SqliteEnrichmentTest extends EnrichmentContract {
  SqliteEnrichmentTest() {
    super(Backend.SQLITE);
  }
}
