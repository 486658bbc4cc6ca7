package org.leadgate.duplicates.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.leadgate.duplicates.MatchKeys;
import org.leadgate.storage.Backend;
import org.leadgate.storage.Database;
import org.leadgate.storage.Sql;

/** The owners of a lead's match keys, looked up in one query on SQLite and PostgreSQL. */
class KeyIndexTest {
  private static final String ADA_RECORD = DuplicateStore.hash(MatchKeys.crmRecord("00Q1"));
  private static final String ADA_EMAIL = DuplicateStore.hash("email:ada@example.de");
  private static final String ADA_PERSON = DuplicateStore.hash("person:lovelace|a|acme|+49301234567");
  private static final String GRACE_EMAIL = DuplicateStore.hash("email:grace@example.de");
  private static final String NOBODY = DuplicateStore.hash("email:nobody@example.de");

  @TempDir
  Path tempDir;

  private Database database;
  private Connection connection;

  @AfterEach
  void close() throws SQLException {
    connection.close();
    database.close();
  }

  private KeyIndex index(Backend backend) throws SQLException {
    database = Database.open(backend.freshDatabase(tempDir));
    connection = database.dataSource().getConnection();
    lead("ada", ADA_RECORD, ADA_EMAIL, ADA_PERSON);
    lead("grace", GRACE_EMAIL);
    return new KeyIndex(connection);
  }

  private void lead(String id, String... keyHashes) throws SQLException {
    Sql.execute(connection, "INSERT INTO submissions (id, form_id, received_at, content_type, body)"
        + " VALUES (?, 'contact', 0, 'application/json', '')", "s-" + id);
    Sql.execute(connection, "INSERT INTO leads (id, submission_id, form_id, received_at, fields)"
        + " VALUES (?, ?, 'contact', 0, '{}')", id, "s-" + id);
    DuplicateStore.own(connection, List.of(keyHashes), id);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void bothKeysOfALeadAreFoundWithTheirOwnersInTheOrderAsked(Backend backend) throws SQLException {
    try (KeyIndex index = index(backend)) {
      assertEquals(List.of(ADA_PERSON, ADA_EMAIL),
          List.copyOf(index.owners(List.of(ADA_PERSON, ADA_EMAIL)).keySet()));
      assertEquals(Map.of(ADA_EMAIL, "ada", ADA_PERSON, "ada"), index.owners(List.of(ADA_EMAIL, ADA_PERSON)));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void keysOwnedByDifferentLeadsNameEachOwner(Backend backend) throws SQLException {
    try (KeyIndex index = index(backend)) {
      assertEquals(Map.of(GRACE_EMAIL, "grace", ADA_PERSON, "ada"), index.owners(List.of(GRACE_EMAIL, ADA_PERSON)));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void onlyTheKeysThatHaveAnOwnerAreAnswered(Backend backend) throws SQLException {
    try (KeyIndex index = index(backend)) {
      assertEquals(Map.of(ADA_EMAIL, "ada"), index.owners(List.of(NOBODY, ADA_EMAIL)));
      assertEquals(Map.of(GRACE_EMAIL, "grace"), index.owners(List.of(GRACE_EMAIL)));
      assertEquals(Map.of(), index.owners(List.of(NOBODY)));
      assertEquals(Map.of(), index.owners(List.of()));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void threeKeysAreLookedUpTogetherWithTheirOwnersInTheOrderAsked(Backend backend) throws SQLException {
    try (KeyIndex index = index(backend)) {
      Map<String, String> owners = index.owners(List.of(ADA_RECORD, NOBODY, GRACE_EMAIL));

      assertEquals(List.of(ADA_RECORD, GRACE_EMAIL), List.copyOf(owners.keySet()));
      assertEquals(Map.of(ADA_RECORD, "ada", GRACE_EMAIL, "grace"), owners);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void moreThanThreeKeysAreRefused(Backend backend) throws SQLException {
    try (KeyIndex index = index(backend)) {
      assertThrows(IllegalArgumentException.class,
          () -> index.owners(List.of(ADA_RECORD, ADA_EMAIL, ADA_PERSON, NOBODY)));
    }
  }
}
