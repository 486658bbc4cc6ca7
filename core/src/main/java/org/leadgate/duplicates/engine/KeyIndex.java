package org.leadgate.duplicates.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks up the owners of a lead's match keys (at most three: the CRM record, the address and the person key) in
 * {@code lead_keys} on one connection, in one query of one index seek per key, with statements for a whole round.
 */
final class KeyIndex implements AutoCloseable {
  /** Keys per lead at most: {@code crm:}, {@code email:} and {@code person:}. */
  static final int MOST_KEYS = 3;

  /** By the number of keys less one: the query seeking that many keys. */
  private final List<PreparedStatement> selects = new ArrayList<>();

  KeyIndex(Connection connection) throws SQLException {
    // one seek of the key index per key; SQLite answers "IN (?, ?)" by building a temporary table of the values first
    String seek = "SELECT key_hash, lead_id FROM lead_keys WHERE key_hash = ?";
    for (int keys = 1; keys <= MOST_KEYS; keys++) {
      selects.add(connection.prepareStatement(String.join(" UNION ALL ", Collections.nCopies(keys, seek))));
    }
  }

  /** The owning lead of each key hash that has one, in the order of {@code keyHashes}. */
  Map<String, String> owners(List<String> keyHashes) throws SQLException {
    Map<String, String> owners = new LinkedHashMap<>();
    if (keyHashes.isEmpty()) {
      return owners;
    }
    if (keyHashes.size() > MOST_KEYS) {
      throw new IllegalArgumentException("at most " + MOST_KEYS + " keys per lead, got " + keyHashes.size());
    }
    PreparedStatement select = selects.get(keyHashes.size() - 1);
    for (int i = 0; i < keyHashes.size(); i++) {
      select.setString(i + 1, keyHashes.get(i));
    }
    Map<String, String> found = new HashMap<>();
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
    for (PreparedStatement select : selects) {
      select.close();
    }
  }
}
