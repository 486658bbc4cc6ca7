package org.leadgate.consent.retention;

import org.leadgate.storage.Backend;

class PostgresRetentionJobTest extends RetentionJobContract {
  PostgresRetentionJobTest() {
    super(Backend.POSTGRESQL);
  }
}
