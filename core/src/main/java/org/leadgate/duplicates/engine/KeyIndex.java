package org.leadgate.duplicates.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks up the owners of a lead's match keys (at most two: the address and the person key) in {@code lead_keys} on
 * one connection, in one query, with one statement for a whole round.
 */
final class KeyIndex implements AutoCloseable {
  /** Keys per lead at most: {@code email:} and {@code person:}. */
  static final int MOST_KEYS = 2;

  private final PreparedStatement select;

  KeyIndex(Connection connection) throws SQLException {
    // two seeks of the key index; SQLite answers "IN (?, ?)" by building a temporary table of the values first
    this.select = connection.prepareStatement("SELECT key_hash, lead_id FROM lead_keys WHERE key_hash = ?"
        + " UNION ALL SELECT key_hash, lead_id FROM lead_keys WHERE key_hash = ?");
  }

  /** The owning lead of each key hash that has one. */
  Map<String, String> owners(List<String> keyHashes) throws SQLException {
    Map<String, String> owners = new LinkedHashMap<>();
    if (keyHashes.isEmpty()) {
      return owners;
    }
    if (keyHashes.size() > MOST_KEYS) {
      throw new IllegalArgumentException("at most " + MOST_KEYS + " keys per lead, got " + keyHashes.size());
    }
    select.setString(1, keyHashes.get(0));
    select.setString(2, keyHashes.get(keyHashes.size() - 1));
    Map<String, String> found = new LinkedHashMap<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        found.put(rows.getString(1), rows.getString(2));
      }
    }
    for (String hash : keyHashes) {
      if (found.containsKey(hash)) {
        owners.put(hash, found.get(hash));
      }
    }
    return owners;
  }

  @Override
  public void close() throws SQLException {
    select.close();
  }
}
