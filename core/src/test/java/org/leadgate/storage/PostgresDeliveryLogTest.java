package org.leadgate.storage;

class PostgresDeliveryLogTest extends DeliveryLogContract {
  PostgresDeliveryLogTest() {
    super(Backend.POSTGRESQL);
  }
}
