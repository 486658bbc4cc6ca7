package org.leadgate.consent.retention;

import org.leadgate.storage.Backend;

class SqliteRetentionJobTest extends RetentionJobContract {
  SqliteRetentionJobTest() {
    super(Backend.SQLITE);
  }
}
