package org.leadgate.web.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.leadgate.testing.PostgresServer;

/** Writes gateway configurations for tests: a storage, a CRM at a URL, fast retries and one contact form. */
public final class TestConfig {
  private final Path directory;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private String crm = "crm:\n  adapter: log\n";
  private String extra = "";
  private String formExtra = "";
  private String thankYouUrl = "https://www.example.de/danke";

  private TestConfig(Path directory, String jdbcUrl, String user, String password) {
    this.directory = directory;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /** A gateway on SQLite in {@code directory}. */
  public static TestConfig sqlite(Path directory) {
    return new TestConfig(directory, "jdbc:sqlite:" + directory.resolve("leadgate.db"), "", "");
  }

  /** A gateway on a fresh database of the shared throwaway PostgreSQL server. */
  public static TestConfig postgres(Path directory) {
    PostgresServer.Database db = PostgresServer.shared().newDatabase();
    return new TestConfig(directory, db.jdbcUrl(), db.user(), db.password());
  }

  /** Delivers to the minimal generic HTTP adapter at {@code url}. */
  public TestConfig crmAt(String url) {
    crm = "crm:\n  adapter: generic-http\n  settings:\n    url: " + url
        + "\n    header: { name: Authorization, value: Bearer test-token }\n    timeout: 2s\n";
    return this;
  }

  /** Adds top-level YAML (e.g. an {@code admin:} or {@code intake:} section). */
  public TestConfig with(String yaml) {
    extra += yaml.endsWith("\n") ? yaml : yaml + "\n";
    return this;
  }

  /** Where browsers go after a successful post (default: an external URL). */
  public TestConfig thankYouUrl(String url) {
    thankYouUrl = url;
    return this;
  }

  /** Adds keys to the contact form (indented YAML lines such as {@code "    allowedOrigins: [...]"}). */
  public TestConfig withFormLines(String yaml) {
    formExtra += yaml.endsWith("\n") ? yaml : yaml + "\n";
    return this;
  }

  /** The rows the gateway stores, read directly from its database. */
  public StoredRows rows() {
    return new StoredRows(jdbcUrl, user, password);
  }

  public Path write() throws IOException {
    String yaml = "dataDirectory: " + directory + "\n"
        + "storage:\n  url: \"" + jdbcUrl + "\"\n  user: \"" + user + "\"\n  password: \"" + password + "\"\n"
        + "  busyTimeout: 500ms\n"
        + crm
        + "delivery:\n  initialBackoff: 100ms\n  maxBackoff: 400ms\n  maxAttempts: 20\n  pollInterval: 100ms\n"
        + "  claimLease: 2s\n"
        + extra
        + "forms:\n"
        + "  - id: contact\n"
        + "    title: Contact\n"
        + "    thankYouUrl: " + thankYouUrl + "\n"
        + formExtra
        + "    fields:\n"
        + "      - { name: firstName, type: text }\n"
        + "      - { name: lastName, type: text, required: true }\n"
        + "      - { name: email, type: email, required: true }\n"
        + "      - { name: phone, type: phone }\n"
        + "      - { name: message, type: textarea, maxLength: 500 }\n";
    Path file = directory.resolve("leadgate.yml");
    Files.writeString(file, yaml);
    return file;
  }
}
