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
  private String consent = "";
  private String consentBoxes = "";
  private String fieldExtra = "";

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

  /** Sets the whole {@code crm:} section (YAML starting with {@code crm:}). */
  public TestConfig crm(String yaml) {
    crm = yaml.endsWith("\n") ? yaml : yaml + "\n";
    return this;
  }

  /** Adds top-level YAML (e.g. an {@code admin:} or {@code intake:} section). */
  public TestConfig with(String yaml) {
    extra += yaml.endsWith("\n") ? yaml : yaml + "\n";
    return this;
  }

  /** The public URL that links in mails point to; tests take the path and send it to the gateway. */
  public static final String BASE_URL = "http://gateway.test";

  /**
   * Asks for consent on the contact form: email for {@code newsletter} (double opt-in through the SMTP server at
   * {@code smtpPort}) and, unless the form is for businesses ({@code audience: b2b}, where calls may rest on
   * presumed consent), phone for {@code sales-calls}.
   */
  public TestConfig withConsent(int smtpPort, String audience) {
    consent = "consent:\n"
        + "  baseUrl: " + BASE_URL + "\n"
        + "  purposes:\n"
        + "    - { id: newsletter, description: the ACME newsletter about widgets }\n"
        + "    - { id: sales-calls, description: calls from ACME sales about widgets, presumedB2bPhone: true }\n"
        + "  wordings:\n"
        + "    - { id: newsletter-v1, text: \"Yes, send me the ACME newsletter about widgets. I can withdraw at"
        + " any time.\" }\n"
        + "    - { id: calls-v1, text: \"Yes, ACME sales may call me about widgets. I can withdraw at any time.\" }\n"
        + "  doi:\n    resendInterval: 10m\n    mailsPerIpPerHour: 3\n"
        + "  smtp:\n    host: 127.0.0.1\n    port: " + smtpPort + "\n    security: none\n    timeout: 5s\n"
        + "  doiMail:\n    from: \"ACME GmbH <no-reply@acme.example>\"\n"
        + "    sender: \"ACME GmbH, Musterstrasse 1, 10115 Berlin\"\n";
    consentBoxes = "    audience: " + audience + "\n"
        + "    consents:\n"
        + "      - { field: newsletterOptIn, channel: email, purpose: newsletter, wording: newsletter-v1 }\n"
        + (audience.equals("b2b") ? ""
            : "      - { field: callOptIn, channel: phone, purpose: sales-calls, wording: calls-v1 }\n");
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

  /** Adds fields to the contact form (YAML flow mappings such as {@code "{ name: country, type: text }"}). */
  public TestConfig withFields(String... fields) {
    for (String field : fields) {
      fieldExtra += "      - " + field + "\n";
    }
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
        + consent
        + "forms:\n"
        + "  - id: contact\n"
        + "    title: Contact\n"
        + "    thankYouUrl: " + thankYouUrl + "\n"
        + formExtra
        + consentBoxes
        + "    fields:\n"
        + "      - { name: firstName, type: text }\n"
        + "      - { name: lastName, type: text, required: true }\n"
        + "      - { name: email, type: email, required: true }\n"
        + "      - { name: phone, type: phone }\n"
        + "      - { name: message, type: textarea, maxLength: 500 }\n"
        + "      - { name: birthDate, type: date }\n"
        + fieldExtra;
    Path file = directory.resolve("leadgate.yml");
    Files.writeString(file, yaml);
    return file;
  }
}
