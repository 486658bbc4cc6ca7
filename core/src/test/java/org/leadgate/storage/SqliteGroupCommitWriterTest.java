package org.leadgate.storage;

class SqliteGroupCommitWriterTest extends GroupCommitWriterContract {
  SqliteGroupCommitWriterTest() {
    super(Backend.SQLITE);
  }
}
