package org.leadgate.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.leadgate.config.ConfigException;
import org.leadgate.config.StorageConfig;

/**
 * The connection pool to SQLite or PostgreSQL, migrated to the current schema on open. SQLite runs in WAL mode
 * with {@code synchronous=FULL}: a commit is on disk before it returns.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

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
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(hikari);
    } catch (HikariPool.PoolInitializationException e) {
      throw new ConfigException("storage.url", "cannot connect to the database: " + rootMessage(e));
    }
    try {
      Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    } catch (FlywayException e) {
      dataSource.close();
      throw new IllegalStateException("database migration failed: " + rootMessage(e), e);
    }
    return new Database(dataSource);
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
    dataSource.close();
  }
}
