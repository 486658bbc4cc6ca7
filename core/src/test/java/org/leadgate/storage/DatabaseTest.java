package org.leadgate.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.config.ConfigException;
import org.leadgate.config.StorageConfig;

/** What {@link Database#open} does beyond what both backends share (see {@link LeadStoreContract}). */
class DatabaseTest {
  @TempDir
  Path tempDir;

  private static String pragma(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
      assertTrue(rows.next());
      return rows.getString(1);
    }
  }

  @Test
  void unreachablePostgresqlIsRefusedAtStorageUrl() {
    StorageConfig config = new StorageConfig("jdbc:postgresql://127.0.0.1:1/x", Optional.of("leadgate"),
        Optional.of("secret-password"), 2, Duration.ofMillis(500));

    ConfigException e = assertThrows(ConfigException.class, () -> Database.open(config));

    assertEquals("storage.url", e.key());
    assertFalse(e.getMessage().contains("secret-password"), e.getMessage());
  }

  @Test
  void sqliteDatabaseFileIsCreatedWithItsMissingDirectories() {
    Path file = tempDir.resolve("nested/dir/leadgate.db");
    StorageConfig config = new StorageConfig("jdbc:sqlite:" + file, Optional.empty(), Optional.empty(), 2,
        Duration.ofSeconds(1));

    try (Database database = Database.open(config)) {
      assertTrue(database.isReachable());
    }

    assertTrue(Files.isRegularFile(file));
  }

  @Test
  void sqliteRunsInWalModeWithFullSyncForeignKeysAndTheBusyTimeout() throws SQLException {
    StorageConfig config = new StorageConfig("jdbc:sqlite:" + tempDir.resolve("t.db"), Optional.empty(),
        Optional.empty(), 2, Duration.ofMillis(1234));

    try (Database database = Database.open(config); Connection connection = database.dataSource().getConnection()) {
      assertEquals("wal", pragma(connection, "journal_mode").toLowerCase());
      assertEquals("2", pragma(connection, "synchronous"), "2 is FULL");
      assertEquals("1", pragma(connection, "foreign_keys"));
      assertEquals("1234", pragma(connection, "busy_timeout"));
    }
  }
}
