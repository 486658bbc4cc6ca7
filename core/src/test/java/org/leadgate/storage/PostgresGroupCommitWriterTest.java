package org.leadgate.storage;

class PostgresGroupCommitWriterTest extends GroupCommitWriterContract {
  PostgresGroupCommitWriterTest() {
    super(Backend.POSTGRESQL);
  }
}
