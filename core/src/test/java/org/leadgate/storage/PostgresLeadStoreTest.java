package org.leadgate.storage;

class PostgresLeadStoreTest extends LeadStoreContract {
  PostgresLeadStoreTest() {
    super(Backend.POSTGRESQL);
  }
}
