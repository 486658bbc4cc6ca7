package org.leadgate.consent.compliance;

import org.leadgate.storage.Backend;

class SqliteComplianceServiceTest extends ComplianceServiceContract {
  SqliteComplianceServiceTest() {
    super(Backend.SQLITE);
  }
}
