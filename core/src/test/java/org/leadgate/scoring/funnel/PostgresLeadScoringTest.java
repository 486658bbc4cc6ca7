package org.leadgate.scoring.funnel;

import org.leadgate.storage.Backend;

class PostgresLeadScoringTest extends LeadScoringContract {
  PostgresLeadScoringTest() {
    super(Backend.POSTGRESQL);
  }
}
