package org.leadgate.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.leadgate.config.ConfigException;
import org.leadgate.config.WordingConfig;

/** Consent wordings as shown to people: each id's text is stored once and never changes. */
public final class Wordings {
  private Wordings() {}

  /** Stores each wording once; a known id whose text changed stops startup (past proofs must show the old text). */
  public static void register(Connection connection, List<WordingConfig> wordings, Instant now)
      throws SQLException {
    for (int i = 0; i < wordings.size(); i++) {
      WordingConfig wording = wordings.get(i);
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT sha256 FROM consent_wordings WHERE id = ?")) {
        select.setString(1, wording.id());
        try (ResultSet rows = select.executeQuery()) {
          if (rows.next()) {
            if (!rows.getString(1).equals(wording.sha256())) {
              throw new ConfigException("consent.wordings[" + i + "].text", "wording '" + wording.id()
                  + "' was shown before with another text; a changed text needs a new id, so that past proofs"
                  + " keep showing what people saw");
            }
            continue;
          }
        }
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO consent_wordings (id, sha256, body, first_seen) VALUES (?, ?, ?, ?)")) {
        insert.setString(1, wording.id());
        insert.setString(2, wording.sha256());
        insert.setString(3, wording.text());
        insert.setLong(4, now.toEpochMilli());
        insert.executeUpdate();
      }
    }
  }

  public static Optional<String> text(Connection connection, String id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT body FROM consent_wordings WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

}
