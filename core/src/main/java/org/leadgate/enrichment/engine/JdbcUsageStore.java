package org.leadgate.enrichment.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.leadgate.enrichment.UsageStore;
import org.leadgate.storage.StorageUnavailableException;
import org.leadgate.storage.Transactions;

/**
 * Provider call counts in {@code provider_usage}: counted with a conditional update per period in one transaction,
 * so two gateways on one database never spend more than the budget between them.
 */
final class JdbcUsageStore implements UsageStore {
  private final DataSource dataSource;
  private final Transactions transactions;

  JdbcUsageStore(DataSource dataSource, Transactions transactions) {
    this.dataSource = dataSource;
    this.transactions = transactions;
  }

  @Override
  public boolean tryCount(String provider, List<Limit> limits) {
    try {
      return transactions.write(connection -> {
        for (Limit limit : limits) {
          if (!countOne(connection, provider, limit)) {
            connection.rollback();
            return false;
          }
        }
        return true;
      });
    } catch (SQLException e) {
      throw new StorageUnavailableException("cannot count a call of provider " + provider, e);
    }
  }

  private static boolean countOne(Connection connection, String provider, Limit limit) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO provider_usage (provider, period, calls)"
        + " VALUES (?, ?, 0) ON CONFLICT (provider, period) DO NOTHING")) {
      insert.setString(1, provider);
      insert.setString(2, limit.period());
      insert.executeUpdate();
    }
    try (PreparedStatement update = connection.prepareStatement("UPDATE provider_usage SET calls = calls + 1"
        + " WHERE provider = ? AND period = ? AND calls < ?")) {
      update.setString(1, provider);
      update.setString(2, limit.period());
      update.setLong(3, limit.max());
      return update.executeUpdate() == 1;
    }
  }

  @Override
  public long used(String provider, String period) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT calls FROM provider_usage WHERE provider = ? AND period = ?")) {
      select.setString(1, provider);
      select.setString(2, period);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new StorageUnavailableException("cannot read the calls of provider " + provider, e);
    }
  }
}
