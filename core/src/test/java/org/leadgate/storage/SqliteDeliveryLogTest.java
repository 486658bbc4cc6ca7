package org.leadgate.storage;

class SqliteDeliveryLogTest extends DeliveryLogContract {
  SqliteDeliveryLogTest() {
    super(Backend.SQLITE);
  }
}
