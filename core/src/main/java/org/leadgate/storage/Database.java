package org.leadgate.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.leadgate.config.ConfigException;
import org.leadgate.config.StorageConfig;

/**
 * The connection pool to SQLite or PostgreSQL, migrated to the current schema on open. SQLite runs in WAL mode
 * with {@code synchronous=FULL}: a commit is on disk before it returns; the log is checkpointed in the background.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final boolean sqlite;
  private final WalCheckpointer checkpointer;

  private Database(HikariDataSource dataSource, boolean sqlite) {
    this.dataSource = dataSource;
    this.sqlite = sqlite;
    this.checkpointer = sqlite ? new WalCheckpointer(dataSource) : null;
  }

  /** How much of a SQLite database file is memory-mapped for reading. */
  private static final long MMAP_BYTES = 1L << 30;

  public static Database open(StorageConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("leadgate");
    hikari.setJdbcUrl(config.jdbcUrl());
    // Named explicitly: in a servlet container DriverManager may only know drivers of another class loader.
    hikari.setDriverClassName(config.isSqlite() ? "org.sqlite.JDBC" : "org.postgresql.Driver");
    config.user().ifPresent(hikari::setUsername);
    config.password().ifPresent(hikari::setPassword);
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setConnectionTimeout(Math.max(250, config.busyTimeout().toMillis()));
    if (config.isSqlite()) {
      createParentDirectory(config.jdbcUrl());
      hikari.addDataSourceProperty("journal_mode", "WAL");
      hikari.addDataSourceProperty("synchronous", "FULL");
      hikari.addDataSourceProperty("foreign_keys", "true");
      hikari.addDataSourceProperty("busy_timeout", String.valueOf(config.busyTimeout().toMillis()));
      // reads of a large database (duplicate keys, the outbox) through memory-mapped pages, not a syscall each
      hikari.addDataSourceProperty("mmap_size", String.valueOf(MMAP_BYTES));
      // checkpoints run in the background (WalCheckpointer), not inside a commit that requests wait on
      hikari.setConnectionInitSql("PRAGMA wal_autocheckpoint=0");
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(hikari);
    } catch (HikariPool.PoolInitializationException e) {
      throw new ConfigException("storage.url", "cannot connect to the database: " + rootMessage(e));
    }
    try {
      Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
          .placeholders(Map.of("sqliteWithoutRowid", config.isSqlite() ? "WITHOUT ROWID" : ""))
          .load().migrate();
    } catch (FlywayException e) {
      dataSource.close();
      throw new IllegalStateException("database migration failed: " + rootMessage(e), e);
    }
    return new Database(dataSource, config.isSqlite());
  }

  private static void createParentDirectory(String jdbcUrl) {
    String file = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = file.indexOf('?');
    file = query < 0 ? file : file.substring(0, query);
    if (file.isEmpty() || file.equals(":memory:") || file.startsWith("file:")) {
      return;
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new ConfigException("storage.url", "cannot create the directory " + parent + ": " + e.getMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** How many write transactions may run at once: SQLite takes one writer at a time. */
  public int concurrentWriters() {
    return sqlite ? 1 : Integer.MAX_VALUE;
  }

  /** Whether a connection can be had and answers a trivial query. */
  public boolean isReachable() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (checkpointer != null) {
      checkpointer.close();
    }
    dataSource.close();
  }
}
