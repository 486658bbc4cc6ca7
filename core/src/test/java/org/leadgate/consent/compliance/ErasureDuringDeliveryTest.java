package org.leadgate.consent.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadgate.storage.Backend;
import org.leadgate.storage.Database;
import org.leadgate.storage.DeliveryLog;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.StorageFixtures;
import org.leadgate.storage.Transactions;

/**
 * A lead erased while an attempt to deliver it is under way: whatever the attempt then records, the lead stays a
 * dead letter marked {@code erased}, so the emptied lead is never replayed to the CRM.
 */
class ErasureDuringDeliveryTest {
  private static final Instant T0 = StorageFixtures.T0;
  private static final Instant LATER = T0.plus(Duration.ofSeconds(3));

  @TempDir
  Path tempDir;

  private Database database;
  private LeadStore store;
  private String leadId;

  @BeforeEach
  void claimedLeadThenErased() throws SQLException {
    database = Database.open(Backend.SQLITE.freshDatabase(tempDir));
    store = new LeadStore(database, "fake");
    leadId = store.acceptAll(List.of(StorageFixtures.accept("ada@example.de", T0))).get(0).leadId();
    assertEquals(List.of(leadId), store.claim(List.of(leadId), T0, T0.plus(Duration.ofMinutes(5))));
    try (Connection connection = database.dataSource().getConnection()) {
      ComplianceStore.eraseLead(connection, leadId, T0.plusSeconds(1));
    }
  }

  @AfterEach
  void close() {
    database.close();
  }

  private LeadStore.AttemptResult result(String kind) {
    return switch (kind) {
      case "retry" -> new LeadStore.AttemptResult.Retry(leadId, 0, 1, LATER.plusSeconds(10), "CRM answered 503");
      case "dead" -> new LeadStore.AttemptResult.Dead(leadId, 0, 1, "CRM answered 422");
      default -> new LeadStore.AttemptResult.Deferred(leadId, 0, LATER.plusSeconds(60), "paused");
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"retry", "dead", "deferred"})
  void theAttemptsResultLeavesTheErasedMarkAndTheLeadCannotBeReplayed(String kind) throws SQLException {
    store.record(List.of(result(kind)), LATER);

    StorageFixtures.OutboxRow row = StorageFixtures.outbox(database.dataSource(), leadId);
    assertEquals("dead", row.status());
    assertEquals("erased", row.lastError());
    assertFalse(store.replay(leadId, LATER), "an emptied lead is never sent");
    assertEquals(Optional.of(List.of()), new DeliveryLog(new Transactions(database)).of(leadId),
        "the erasure emptied the delivery log, and the late attempt adds nothing");
  }
}
