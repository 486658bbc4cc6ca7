package org.leadgate.web.testing;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads what the gateway stored, straight from its database, for assertions. */
public record StoredRows(String jdbcUrl, String user, String password) {

  /** Uses the drivers directly: DriverManager may already hold the web application's copies. */
  public Connection connect() throws SQLException {
    Properties credentials = new Properties();
    if (!user.isEmpty()) {
      credentials.setProperty("user", user);
      credentials.setProperty("password", password);
    }
    Driver driver = jdbcUrl.startsWith("jdbc:sqlite:") ? new org.sqlite.JDBC() : new org.postgresql.Driver();
    return driver.connect(jdbcUrl, credentials);
  }

  /** Rows in {@code table} (submissions, leads or outbox). */
  public long count(String table) throws SQLException {
    try (Connection connection = connect();
        ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** The outbox status of a lead, or "absent". */
  public String outboxStatus(String leadId) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement select = connection.prepareStatement("SELECT status FROM outbox WHERE lead_id = ?")) {
      select.setString(1, leadId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : "absent";
      }
    }
  }

  /** The first column of the first row {@code sql} selects for {@code leadId}, or null. */
  public String value(String sql, String leadId) throws SQLException {
    try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, leadId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  public List<String> leadIds() throws SQLException {
    try (Connection connection = connect();
        ResultSet rows = connection.createStatement().executeQuery("SELECT id FROM leads ORDER BY received_at")) {
      List<String> ids = new ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
      return ids;
    }
  }
}
