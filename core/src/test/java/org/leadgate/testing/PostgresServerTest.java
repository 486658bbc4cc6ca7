package org.leadgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresServerTest {
  @Test
  void sharedReturnsTheSameServerEveryTime() {
    assertSame(PostgresServer.shared(), PostgresServer.shared());
  }

  @Test
  void newDatabaseIsEmptyAndAcceptsWrites() throws SQLException {
    PostgresServer.Database database = PostgresServer.shared().newDatabase();
    try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
      assertEquals(0, count(statement,
          "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
      statement.execute("CREATE TABLE lead (id bigint PRIMARY KEY, email text NOT NULL)");
      statement.execute("INSERT INTO lead VALUES (1, 'ada@example.org'), (2, 'grace@example.org')");
      try (ResultSet rows = statement.executeQuery("SELECT email FROM lead ORDER BY id")) {
        assertTrue(rows.next());
        assertEquals("ada@example.org", rows.getString(1));
        assertTrue(rows.next());
        assertEquals("grace@example.org", rows.getString(1));
        assertFalse(rows.next());
      }
      assertEquals("UTF8", scalar(statement, "SHOW server_encoding"));
    }
  }

  @Test
  void twoDatabasesAreIsolated() throws SQLException {
    PostgresServer.Database first = PostgresServer.shared().newDatabase();
    PostgresServer.Database second = PostgresServer.shared().newDatabase();
    assertNotEquals(first.jdbcUrl(), second.jdbcUrl());
    try (Connection connection = connect(first); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE only_in_first (id int)");
      statement.execute("INSERT INTO only_in_first VALUES (1)");
    }
    try (Connection connection = connect(second); Statement statement = connection.createStatement()) {
      assertEquals(0, count(statement,
          "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_first'"));
    }
  }

  @Test
  void aUrlGetsItsDatabaseReplacedKeepingHostsAndParameters() {
    assertEquals("jdbc:postgresql://db:5432/x?ssl=true",
        PostgresServer.withDatabase("jdbc:postgresql://db:5432/postgres?ssl=true", "x"));
    assertEquals("jdbc:postgresql://a:1,b:2/x", PostgresServer.withDatabase("jdbc:postgresql://a:1,b:2/", "x"));
    assertEquals("jdbc:postgresql://db/x", PostgresServer.withDatabase("jdbc:postgresql://db", "x"));
    assertEquals("jdbc:postgresql:x", PostgresServer.withDatabase("jdbc:postgresql:postgres", "x"));
  }

  private static Connection connect(PostgresServer.Database database) throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }

  private static long count(Statement statement, String sql) throws SQLException {
    return Long.parseLong(scalar(statement, sql));
  }

  private static String scalar(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next());
      return rows.getString(1);
    }
  }
}
