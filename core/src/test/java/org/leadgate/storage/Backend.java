package org.leadgate.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.leadgate.config.StorageConfig;
import org.leadgate.testing.PostgresServer;

/** The two databases LeadGate runs on, each as a fresh, empty database per call. */
public enum Backend {
  SQLITE {
    @Override
    public StorageConfig freshDatabase(Path tempDir) {
      return new StorageConfig("jdbc:sqlite:" + tempDir.resolve("t.db"), Optional.empty(), Optional.empty(), 4,
          Duration.ofSeconds(5));
    }
  },
  POSTGRESQL {
    @Override
    public StorageConfig freshDatabase(Path tempDir) {
      PostgresServer.Database database = PostgresServer.shared().newDatabase();
      return new StorageConfig(database.jdbcUrl(), Optional.ofNullable(database.user()),
          Optional.ofNullable(database.password()), 4, Duration.ofSeconds(5));
    }
  };

  /** Settings of a new, empty database; SQLite puts its file in {@code tempDir}. */
  public abstract StorageConfig freshDatabase(Path tempDir);
}
