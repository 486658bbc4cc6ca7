package org.leadgate.duplicates.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Looks up the owners of match keys in {@code lead_keys} on one connection, with one statement for a whole round. */
final class KeyIndex implements AutoCloseable {
  private final PreparedStatement select;

  KeyIndex(Connection connection) throws SQLException {
    this.select = connection.prepareStatement("SELECT lead_id FROM lead_keys WHERE key_hash = ?");
  }

  /** The owning lead of each key hash that has one. */
  Map<String, String> owners(List<String> keyHashes) throws SQLException {
    Map<String, String> owners = new LinkedHashMap<>();
    for (String hash : keyHashes) {
      select.setString(1, hash);
      try (ResultSet rows = select.executeQuery()) {
        if (rows.next()) {
          owners.put(hash, rows.getString(1));
        }
      }
    }
    return owners;
  }

  @Override
  public void close() throws SQLException {
    select.close();
  }
}
