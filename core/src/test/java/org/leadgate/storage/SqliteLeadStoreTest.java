package org.leadgate.storage;

class SqliteLeadStoreTest extends LeadStoreContract {
  SqliteLeadStoreTest() {
    super(Backend.SQLITE);
  }
}
