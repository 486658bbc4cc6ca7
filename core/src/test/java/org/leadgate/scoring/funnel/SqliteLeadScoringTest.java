package org.leadgate.scoring.funnel;

import org.leadgate.storage.Backend;

class SqliteLeadScoringTest extends LeadScoringContract {
  SqliteLeadScoringTest() {
    super(Backend.SQLITE);
  }
}
