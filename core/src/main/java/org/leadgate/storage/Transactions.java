package org.leadgate.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in one database transaction. On SQLite, which has one writer at a time, writers of this process queue
 * here instead of polling SQLite's busy handler, which sleeps in steps of milliseconds.
 */
public final class Transactions {
  private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

  private final DataSource dataSource;
  private final Semaphore writers;

  public Transactions(Database database) {
    this.dataSource = database.dataSource();
    this.writers = new Semaphore(database.concurrentWriters(), true);
  }

  /** Work on a connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} and commits, or rolls back if it throws. A transaction that SQLite refused as busy (another
   * process held the lock past the busy timeout, or its snapshot went stale) is rolled back and run again, twice at
   * most.
   */
  public <T> T write(Work<T> work) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        return writeOnce(work);
      } catch (SQLException e) {
        if (attempt >= 3 || !isBusy(e)) {
          throw e;
        }
        LOG.warn("event=storage.busy attempt={} error=\"{}\" action=retry", attempt, e.getMessage());
      }
    }
  }

  private static boolean isBusy(SQLException e) {
    return String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
  }

  private <T> T writeOnce(Work<T> work) throws SQLException {
    writers.acquireUninterruptibly();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } finally {
      writers.release();
    }
  }

  /** Runs read-only {@code work} on a connection of its own. */
  public <T> T read(Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    }
  }
}
