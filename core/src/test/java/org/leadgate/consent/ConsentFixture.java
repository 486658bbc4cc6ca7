package org.leadgate.consent;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.leadgate.Gateway;
import org.leadgate.config.ConfigLoader;
import org.leadgate.config.GatewayConfig;
import org.leadgate.config.StorageConfig;
import org.leadgate.consent.ledger.ConsentEvent;
import org.leadgate.consent.ledger.Ledger;
import org.leadgate.consent.ledger.SubjectKeys;
import org.leadgate.consent.retention.RetentionJob;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.Outcome;
import org.leadgate.storage.Database;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.Transactions;
import org.leadgate.testing.MutableClock;

/**
 * A whole gateway on SQLite with consent configured, for the law checklist: four forms (consumers, businesses,
 * unknown audience, and one with a minimum age), the {@code log} CRM target (deliveries land in {@code delivered.jsonl}), and no SMTP server, so
 * confirmation mails are written to {@code <dataDirectory>/mail/*.eml}, and no SMS gateway, so confirmation SMS are
 * written to {@code <dataDirectory>/sms/*.txt}, where the tests read their links.
 *
 * <p>Direct reads and edits of the database go through a second connection pool to the same file, which begins its
 * transactions IMMEDIATE, so its writes queue behind the gateway's instead of failing on a stale snapshot.
 */
final class ConsentFixture implements AutoCloseable {
  static final String BASE_URL = "http://gateway.test";
  static final String NEWSLETTER_TEXT =
      "Yes, send me the ACME newsletter about widgets by email. I can withdraw at any time.";
  static final String CALLS_TEXT = "Yes, ACME sales may call me about widgets. I can withdraw at any time.";
  static final String SERVICE_TEXT = "Yes, ACME service may call me about my widgets. I can withdraw at any time.";
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LINK = Pattern.compile(Pattern.quote(BASE_URL) + "/consent/(confirm|withdraw)/([A-Za-z0-9_-]{43})");

  final Path directory;
  final MutableClock clock;
  private static final Pattern SMS_LINK =
      Pattern.compile(Pattern.quote(BASE_URL) + "/consent/confirm/([A-Za-z0-9_-]{43})");
  private final Set<Path> seenMails = new HashSet<>();
  private final Set<Path> seenSms = new HashSet<>();
  private String yaml;
  Gateway gateway;
  private Database jobDatabase;

  ConsentFixture(Path directory, MutableClock clock) {
    this.directory = directory;
    this.clock = clock;
    this.yaml = baseYaml(directory);
  }

  static String baseYaml(Path directory) {
    String fields = """
            fields:
              - { name: firstName, type: text }
              - { name: lastName, type: text, required: true }
              - { name: email, type: email, required: true }
              - { name: phone, type: phone }
        """;
    return """
        dataDirectory: %s
        crm:
          adapter: log
        delivery:
          initialBackoff: 100ms
          maxBackoff: 400ms
          pollInterval: 100ms
        consent:
          baseUrl: %s
          purposes:
            - { id: newsletter, description: the ACME newsletter about widgets }
            - { id: sales-calls, description: calls from ACME sales about widgets, presumedB2bPhone: true }
            - { id: service-calls, description: calls from ACME service about your widgets }
          wordings:
            - { id: newsletter-v1, text: "%s" }
            - { id: calls-v1, text: "%s" }
            - { id: service-calls-v1, text: "%s" }
          doi:
            resendInterval: 10m
            mailsPerIpPerHour: 20
          doiMail:
            from: "ACME GmbH <no-reply@acme.example>"
            sender: "ACME GmbH, Musterstrasse 1, 10115 Berlin"
        forms:
          - id: contact
            audience: b2c
            consents:
              - { field: newsletterOptIn, channel: email, purpose: newsletter, wording: newsletter-v1 }
              - { field: callOptIn, channel: phone, purpose: sales-calls, wording: calls-v1 }
              - { field: serviceCallOptIn, channel: phone, purpose: service-calls, wording: service-calls-v1 }
        %s
          - id: business
            audience: b2b
            consents:
              - { field: newsletterOptIn, channel: email, purpose: newsletter, wording: newsletter-v1 }
        %s
          - id: enquiry
            consents:
              - { field: newsletterOptIn, channel: email, purpose: newsletter, wording: newsletter-v1 }
        %s
          - id: youth
            minimumAge: 16
            birthDateField: birthDate
            consents:
              - { field: newsletterOptIn, channel: email, purpose: newsletter, wording: newsletter-v1 }
            fields:
              - { name: lastName, type: text, required: true }
              - { name: email, type: email, required: true }
              - { name: birthDate, type: date }
        """.formatted(directory, BASE_URL, NEWSLETTER_TEXT, CALLS_TEXT, SERVICE_TEXT, fields, fields, fields);
  }

  /** Changes the configuration before {@link #start()}: replaces one exact piece of the YAML. */
  ConsentFixture replace(String from, String to) {
    if (!yaml.contains(from)) {
      throw new IllegalArgumentException("the configuration does not contain: " + from);
    }
    yaml = yaml.replace(from, to);
    return this;
  }

  GatewayConfig config() throws IOException {
    return new ConfigLoader(Map.<String, String>of()::get)
        .parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
  }

  Gateway start() throws IOException {
    gateway = Gateway.start(config(), getClass().getClassLoader(), clock);
    return gateway;
  }

  // ---- intake

  static final Submission.RequestContext BROWSER = new Submission.RequestContext(Optional.of("203.0.113.7"),
      Optional.of("Mozilla/5.0 (X11; Linux x86_64) LawChecklist"), Optional.of("https://www.acme.example/kontakt"));

  Outcome.Accepted submit(String formId, String email, String phone, String... tickedBoxes) {
    return submit(formId, email, phone, BROWSER, tickedBoxes);
  }

  Outcome.Accepted submit(String formId, String email, String phone, Submission.RequestContext context,
      String... tickedBoxes) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("lastName", "Lovelace");
    values.put("email", email);
    if (phone != null) {
      values.put("phone", phone);
    }
    for (String box : tickedBoxes) {
      int eq = box.indexOf('=');
      if (eq < 0) {
        values.put(box, "on");
      } else {
        values.put(box.substring(0, eq), box.substring(eq + 1));
      }
    }
    return assertInstanceOf(Outcome.Accepted.class, gateway.submit(submission(formId, values, context)));
  }

  Submission submission(String formId, Map<String, String> values, Submission.RequestContext context) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    StringBuilder body = new StringBuilder();
    values.forEach((k, v) -> {
      multi.put(k, List.of(v));
      body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(v);
    });
    return new Submission(formId, clock.instant(), "application/x-www-form-urlencoded", body.toString(), multi,
        Optional.empty(), context);
  }

  static String reply(Outcome.Accepted accepted, String channel, String purpose) {
    return accepted.consents().stream()
        .filter(r -> r.channel().equals(channel) && r.purpose().equals(purpose))
        .map(Outcome.ConsentReply::status)
        .findFirst().orElse("(no reply)");
  }

  // ---- consent as it stands

  Permissions.Permission permission(String leadId, Channel channel, String purpose) throws SQLException {
    return gateway.consent().permissionsFor(leadId).entries().stream()
        .filter(p -> p.channel() == channel && p.purpose().equals(purpose))
        .findFirst().orElseThrow(() -> new AssertionError("no permission entry for " + channel + "/" + purpose));
  }

  List<ConsentEvent> events(Subject subject) throws SQLException {
    return gateway.consent().eventsOf(subject);
  }

  ConsentState state(Subject subject, Channel channel, String purpose) throws SQLException {
    ConsentState state = ConsentStates.of(events(subject)).get(new ConsentStates.Key(channel, purpose));
    if (state == null) {
      throw new AssertionError("no consent state for " + channel + "/" + purpose);
    }
    return state;
  }

  // ---- confirmation mails

  /** One confirmation mail as written to the mail directory. */
  record Mail(Path file, MimeMessage message, String body, String confirmToken, String withdrawToken) {
    String header(String name) {
      try {
        return message.getHeader(name, ",");
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Waits for a confirmation mail to {@code address} that no earlier call returned. */
  Mail awaitMail(String address) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Mail mail : mails()) {
        if (!seenMails.contains(mail.file()) && mail.message().getAllRecipients()[0].toString().equals(address)) {
          seenMails.add(mail.file());
          return mail;
        }
      }
      Thread.sleep(20);
    }
    return fail("no confirmation mail to " + address + " within " + WAIT);
  }

  List<Mail> mails() throws IOException {
    Path dir = directory.resolve("mail");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Mail> mails = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
          String body = message.getContent().toString();
          Map<String, String> tokens = new LinkedHashMap<>();
          Matcher links = LINK.matcher(body);
          while (links.find()) {
            tokens.put(links.group(1), links.group(2));
          }
          mails.add(new Mail(file, message, body, tokens.get("confirm"), tokens.get("withdraw")));
        } catch (jakarta.mail.MessagingException e) {
          throw new IOException("unreadable mail " + file + ": " + e, e);
        }
      }
    }
    return mails;
  }

  /** Submits with the email box ticked and confirms the mailed link: the address has confirmed consent. */
  String signUpAndConfirm(String formId, String email, String phone, String... moreBoxes) throws Exception {
    String[] boxes = Stream.concat(Stream.of("newsletterOptIn"), Stream.of(moreBoxes)).toArray(String[]::new);
    Outcome.Accepted accepted = submit(formId, email, phone, boxes);
    Mail mail = awaitMail(email);
    assertInstanceOf(ConsentService.LinkState.Valid.class, gateway.consent().confirm(mail.confirmToken(), click()));
    return accepted.leadId();
  }

  // ---- confirmation SMS

  /** One confirmation SMS as written to the SMS directory: its header lines and text. */
  record Sms(Path file, String to, String id, String text, String confirmToken) {}

  /** Waits for a confirmation SMS to {@code number} (in any notation) that no earlier call returned. */
  Sms awaitSms(String number) throws Exception {
    String to = Subject.phone(number).value();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Sms sms : sms()) {
        if (!seenSms.contains(sms.file()) && sms.to().equals(to)) {
          seenSms.add(sms.file());
          return sms;
        }
      }
      Thread.sleep(20);
    }
    return fail("no confirmation SMS to " + to + " within " + WAIT);
  }

  List<Sms> sms() throws IOException {
    Path dir = directory.resolve("sms");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Sms> texts = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList()) {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        String[] parts = content.split("\n\n", 2);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : parts[0].split("\n")) {
          headers.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).strip());
        }
        String text = parts[1].strip();
        Matcher link = SMS_LINK.matcher(text);
        texts.add(new Sms(file, headers.get("To"), headers.get("Id"), text, link.find() ? link.group(1) : null));
      }
    }
    return texts;
  }

  /** The owner of {@code number} opens the link in its newest confirmation SMS and presses the button. */
  Sms confirmSms(String number) throws Exception {
    Sms sms = awaitSms(number);
    assertInstanceOf(ConsentService.LinkState.Valid.class, gateway.consent().confirm(sms.confirmToken(), tap()));
    return sms;
  }

  /** Submits with the given phone boxes ticked and confirms the texted link: the number has confirmed consent. */
  String callsConfirmed(String formId, String email, String phone, String... phoneBoxes) throws Exception {
    Outcome.Accepted accepted = submit(formId, email, phone, phoneBoxes);
    for (int i = 0; i < phoneBoxes.length; i++) {
      confirmSms(phone);
    }
    return accepted.leadId();
  }

  /** The evidence of a tap on a link in an SMS: the phone's browser. */
  static Map<String, String> tap() {
    return Map.of(Evidence.IP, "198.51.100.23", Evidence.USER_AGENT, "Mozilla/5.0 (Android 14; Mobile) SmsLink");
  }

  static Map<String, String> click() {
    return Map.of(Evidence.IP, "198.51.100.9", Evidence.USER_AGENT, "Mozilla/5.0 (Mail link) LawChecklist");
  }

  // ---- what the CRM received

  /** Waits until the CRM (the log target) received a delivery of the lead that matches. */
  JsonNode awaitCrm(String leadId, Predicate<JsonNode> matches) throws Exception {
    Path file = directory.resolve("delivered.jsonl");
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<JsonNode> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      seen.clear();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode lead = JSON.readTree(line);
          if (lead.path("leadId").asText().equals(leadId)) {
            seen.add(lead);
            if (matches.test(lead)) {
              return lead;
            }
          }
        }
      }
      Thread.sleep(20);
    }
    return fail("the CRM did not receive the expected delivery of " + leadId + " within " + WAIT + "; got " + seen);
  }

  // ---- retention and direct database access

  RetentionJob retention() {
    return gateway.retention();
  }

  /** A second pool on the same database for direct reads and edits (IMMEDIATE, so writes queue, never fail). */
  private Database database() {
    if (jobDatabase == null) {
      StorageConfig storage = gateway.config().storage();
      jobDatabase = Database.open(new StorageConfig(storage.jdbcUrl() + "?transaction_mode=IMMEDIATE",
          storage.user(), storage.password(), 2, Duration.ofSeconds(10)));
    }
    return jobDatabase;
  }

  long count(String sql, Object... parameters) throws SQLException {
    try (Connection connection = database().dataSource().getConnection();
        PreparedStatement select = prepare(connection, sql, parameters);
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  List<List<String>> rows(String sql, Object... parameters) throws SQLException {
    try (Connection connection = database().dataSource().getConnection();
        PreparedStatement select = prepare(connection, sql, parameters);
        ResultSet rows = select.executeQuery()) {
      List<List<String>> result = new ArrayList<>();
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rows.getString(i));
        }
        result.add(row);
      }
      return result;
    }
  }

  int update(String sql, Object... parameters) throws SQLException {
    try (Connection connection = database().dataSource().getConnection();
        PreparedStatement update = prepare(connection, sql, parameters)) {
      return update.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  String subjectKey(Subject subject) throws SQLException {
    return new Transactions(database()).read(SubjectKeys::load).keyOf(subject);
  }

  @Override
  public void close() {
    if (jobDatabase != null) {
      jobDatabase.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }
}
