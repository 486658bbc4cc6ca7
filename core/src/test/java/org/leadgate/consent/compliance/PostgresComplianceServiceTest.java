package org.leadgate.consent.compliance;

import org.leadgate.storage.Backend;

class PostgresComplianceServiceTest extends ComplianceServiceContract {
  PostgresComplianceServiceTest() {
    super(Backend.POSTGRESQL);
  }
}
