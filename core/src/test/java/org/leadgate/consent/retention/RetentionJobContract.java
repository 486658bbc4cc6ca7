package org.leadgate.consent.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.config.ConfigLoader;
import org.leadgate.config.ConsentConfig;
import org.leadgate.consent.Action;
import org.leadgate.consent.Actor;
import org.leadgate.consent.Channel;
import org.leadgate.consent.ConsentStates;
import org.leadgate.consent.ConsentStatus;
import org.leadgate.consent.Evidence;
import org.leadgate.consent.LegalBasis;
import org.leadgate.consent.Subject;
import org.leadgate.consent.ledger.ConsentEvent;
import org.leadgate.consent.ledger.Ledger;
import org.leadgate.consent.ledger.NewConsentEvent;
import org.leadgate.consent.ledger.SubjectKeys;
import org.leadgate.consent.ledger.Verification;
import org.leadgate.storage.Backend;
import org.leadgate.storage.Database;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.StorageFixtures;
import org.leadgate.storage.Transactions;
import org.leadgate.testing.MutableClock;

/**
 * {@link RetentionJob} against a real database, with the ledger written directly; one subclass per
 * {@link Backend}. The law behind each rule is tested through the whole gateway in {@code LawChecklistTest}.
 */
abstract class RetentionJobContract {
  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  static final String LEAD = "0b6f7c3e-5d7a-4f43-9a51-2c1e8d9f0a11";

  private final Backend backend;

  @TempDir
  Path tempDir;

  final MutableClock clock = new MutableClock(T0);
  final AtomicInteger changes = new AtomicInteger();
  Database database;
  Transactions transactions;
  Ledger ledger;
  LeadStore leads;
  RetentionJob job;

  RetentionJobContract(Backend backend) {
    this.backend = backend;
  }

  @BeforeEach
  void open() throws Exception {
    database = Database.open(backend.freshDatabase(tempDir));
    transactions = new Transactions(database);
    ledger = new Ledger(transactions.write(SubjectKeys::load));
    leads = new LeadStore(database, transactions, "log", (connection, accept) -> List.of());
    job = new RetentionJob(transactions, ledger, consentConfig(), clock, leads, changes::incrementAndGet);
  }

  @AfterEach
  void close() {
    if (job != null) {
      job.close();
    }
    if (database != null) {
      database.close();
    }
  }

  static ConsentConfig consentConfig() throws Exception {
    String yaml = """
        forms:
          - id: contact
            fields:
              - { name: email, type: email }
        """;
    return new ConfigLoader(Map.<String, String>of()::get)
        .parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test").consent();
  }

  // ---------------------------------------------------------------------------------------- (a) DOI requests

  @Test
  void deletesUnconfirmedRequestsOlderThanThePeriodOnly() throws Exception {
    Instant old = T0.minus(Duration.ofDays(31));
    insertRequest("old-unconfirmed", old, false);
    insertRequest("old-confirmed", old, true);
    insertRequest("recent-unconfirmed", T0.minus(Duration.ofDays(29)), false);

    RetentionReport report = job.runOnce();

    assertEquals(1, report.deletedRequests());
    assertEquals(List.of("old-confirmed", "recent-unconfirmed"), requestHashes());
  }

  @Test
  void deletesRequestsPageByPage() throws Exception {
    for (int i = 0; i < 1_234; i++) {
      insertRequest("r" + i, T0.minus(Duration.ofDays(40)).plusSeconds(i), false);
    }

    assertEquals(1_234, job.runOnce().deletedRequests());
    assertEquals(List.of(), requestHashes());
  }

  // ------------------------------------------------------------------------------------- (b) stale and blocked

  @Test
  void marksConsentUnusedForStaleAfterStaleOnceAndRequeuesItsLeads() throws Exception {
    String ada = key(Subject.email("ada@example.de"));
    append(ada, T0, Channel.EMAIL, "newsletter", Action.REQUESTED);
    append(ada, T0.plusSeconds(60), Channel.EMAIL, "newsletter", Action.CONFIRMED);
    String leadId = storeLeadOf(ada);

    clock.set(T0.plusSeconds(60).plus(Duration.ofDays(730)));
    assertEquals(RetentionReport.NOTHING, job.runOnce(), "exactly 730 days is not older than 730 days");
    clock.advance(Duration.ofMillis(1));
    assertEquals(new RetentionReport(0, 1, 0, 0, 0), job.runOnce());

    ConsentEvent stale = last(events(ada));
    assertEquals(Action.STALE, stale.action());
    assertEquals(LegalBasis.CONSENT_DOI, stale.basis());
    assertEquals(Actor.system("retention"), stale.actor());
    assertEquals(clock.instant(), stale.at());
    assertTrue(stale.evidence().orElseThrow().items().get(Evidence.NOTE).startsWith("not used since 2026-01-05"));
    assertEquals(ConsentStatus.CONFIRMED, status(ada, Channel.EMAIL, "newsletter"), "stale still permits");
    assertEquals(List.of("pending", "1"), outbox(leadId), "queued again for the CRM");
    assertEquals(1, changes.get(), "the delivery worker is woken");
    clock.advance(Duration.ofDays(100));
    assertEquals(RetentionReport.NOTHING, job.runOnce(), "marked once per stale period");
    assertEquals(1, changes.get());
  }

  @Test
  void aStaleDoubleOptInConsentGetsOneRepermissionRequestWhoseLinkWorksUntilItWouldBeBlocked() throws Exception {
    String ada = key(Subject.email("ada@example.de"));
    Instant confirmed = T0.plusSeconds(60);
    append(ada, T0, Channel.EMAIL, "newsletter", Action.REQUESTED);
    append(ada, confirmed, Channel.EMAIL, "newsletter", Action.CONFIRMED);

    clock.set(T0.plus(Duration.ofDays(731)));
    job.runOnce();
    clock.advance(Duration.ofDays(1));
    job.runOnce();

    ConsentEvent stale = last(events(ada));
    Map<String, String> evidence = stale.evidence().orElseThrow().items();
    assertEquals(List.of(List.of(ada, "newsletter", LEAD, "contact", "newsletter-v1",
            evidence.get(Evidence.MAIL_MESSAGE_ID), "pending",
            String.valueOf(confirmed.plus(Duration.ofDays(1095)).toEpochMilli()), "sealed")),
        rows("SELECT subject_key, purpose, lead_id, form_id, wording_id, message_id, mail_status, expires_at,"
            + " CASE WHEN mail_payload IS NULL THEN 'none' ELSE 'sealed' END FROM doi_requests"),
        "one request for one mail, with the lead, form and wording of the confirmation it renews");
    assertEquals("ada@example.de", evidence.get(Evidence.ADDRESS));
    assertEquals(1, rows("SELECT token_hash FROM withdraw_tokens").size(), "and its withdrawal link");

    clock.set(T0.plus(Duration.ofDays(800)));
    job.runOnce();
    assertEquals(1, rows("SELECT token_hash FROM doi_requests").size(),
        "kept after consent.retention.unconfirmedRequests while its link works");
    clock.set(confirmed.plus(Duration.ofDays(1095)).plusMillis(1));
    assertEquals(new RetentionReport(1, 0, 1, 0, 0), job.runOnce(), "blocked; the expired request is deleted");
  }

  @Test
  void aStalePhoneConsentIsOnlyMarkedAndThenBlocked() throws Exception {
    String phone = key(Subject.phone("+49301234567"));
    append(phone, T0, Channel.PHONE, "sales", Action.GRANTED);

    clock.set(T0.plus(Duration.ofDays(731)));
    assertEquals(new RetentionReport(0, 1, 0, 0, 0), job.runOnce());
    assertEquals(ConsentStatus.GRANTED, status(phone, Channel.PHONE, "sales"));
    assertEquals(LegalBasis.CONSENT_DOCUMENTED, last(events(phone)).basis());
    assertEquals(List.of(), rows("SELECT token_hash FROM doi_requests"), "no mail for a phone consent");

    clock.set(T0.plus(Duration.ofDays(1095)));
    assertEquals(RetentionReport.NOTHING, job.runOnce(), "exactly 1095 days is not older than 1095 days");
    clock.advance(Duration.ofMillis(1));
    assertEquals(new RetentionReport(0, 0, 1, 0, 0), job.runOnce());

    ConsentEvent expired = last(events(phone));
    assertEquals(Action.EXPIRED, expired.action());
    assertEquals(LegalBasis.NONE, expired.basis());
    assertTrue(expired.evidence().orElseThrow().items().get(Evidence.NOTE).startsWith("not used since 2026-01-05"));
    assertTrue(expired.evidence().orElseThrow().items().get(Evidence.NOTE).contains("blockAfter"));
    assertEquals(ConsentStatus.EXPIRED, status(phone, Channel.PHONE, "sales"));
    assertEquals(RetentionReport.NOTHING, job.runOnce());
  }

  @Test
  void consentFirstSeenPastBlockAfterIsBlockedWithoutARepermissionMail() throws Exception {
    String ada = key(Subject.email("ada@example.de"));
    append(ada, T0, Channel.EMAIL, "newsletter", Action.CONFIRMED);

    clock.set(T0.plus(Duration.ofDays(1096)));
    assertEquals(new RetentionReport(0, 0, 1, 0, 0), job.runOnce());

    assertEquals(List.of(Action.CONFIRMED, Action.EXPIRED), events(ada).stream().map(ConsentEvent::action).toList());
    assertEquals(List.of(), rows("SELECT token_hash FROM doi_requests"));
  }

  @Test
  void marksAndBlocksOnlyPermittingConsentsThatWereNotUsed() throws Exception {
    String phone = key(Subject.phone("+49301234567"));
    append(phone, T0, Channel.PHONE, "sales", Action.GRANTED);
    append(phone, T0, Channel.PHONE, "service", Action.GRANTED);
    append(phone, T0.plus(Duration.ofDays(400)), Channel.PHONE, "service", Action.USED);
    append(phone, T0, Channel.SMS, "alerts", Action.GRANTED);
    append(phone, T0.plus(Duration.ofDays(10)), Channel.SMS, "alerts", Action.WITHDRAWN);
    String requestOnly = key(Subject.email("grace@example.de"));
    append(requestOnly, T0, Channel.EMAIL, "newsletter", Action.REQUESTED);
    String withdrawn = key(Subject.email("ada@example.de"));
    append(withdrawn, T0, Channel.EMAIL, "newsletter", Action.CONFIRMED);
    append(withdrawn, T0.plus(Duration.ofDays(700)), Channel.EMAIL, "newsletter", Action.WITHDRAWN);

    clock.set(T0.plus(Duration.ofDays(731)));
    assertEquals(1, job.runOnce().stale());
    clock.set(T0.plus(Duration.ofDays(1096)));
    assertEquals(new RetentionReport(0, 0, 1, 0, 0), job.runOnce());

    assertEquals(ConsentStatus.EXPIRED, status(phone, Channel.PHONE, "sales"));
    assertEquals(ConsentStatus.GRANTED, status(phone, Channel.PHONE, "service"), "used on day 400");
    assertEquals(ConsentStatus.WITHDRAWN, status(phone, Channel.SMS, "alerts"));
    assertEquals(ConsentStatus.REQUESTED, status(requestOnly, Channel.EMAIL, "newsletter"));
    assertEquals(List.of(Action.CONFIRMED, Action.WITHDRAWN),
        events(withdrawn).stream().map(ConsentEvent::action).toList(), "no re-permission for withdrawn consent");
    assertEquals(List.of(), rows("SELECT token_hash FROM doi_requests"));
  }

  @Test
  void aUseAfterTheConsentWentStaleStartsBothPeriodsAgain() throws Exception {
    String phone = key(Subject.phone("+49301234567"));
    append(phone, T0, Channel.PHONE, "sales", Action.GRANTED);
    clock.set(T0.plus(Duration.ofDays(731)));
    assertEquals(1, job.runOnce().stale());
    Instant used = clock.advance(Duration.ofDays(30));
    use(phone, Channel.PHONE, "sales");

    clock.set(T0.plus(Duration.ofDays(1096)));
    assertEquals(RetentionReport.NOTHING, job.runOnce(), "not blocked 36 months after the grant");
    clock.set(used.plus(Duration.ofDays(731)));
    assertEquals(new RetentionReport(0, 1, 0, 0, 0), job.runOnce(), "stale again 24 months after the use");
    clock.set(used.plus(Duration.ofDays(1096)));
    assertEquals(new RetentionReport(0, 0, 1, 0, 0), job.runOnce());
  }

  // ----------------------------------------------------------------------------------------- (c) shredding

  @Test
  void shredsASubjectOnlyWhenEveryConsentEndedAndItsProofRetentionPassed() throws Exception {
    // email: confirmed, withdrawn in 2026 -> kept until 2030-01-01
    String email = key(Subject.email("ada@example.de"));
    append(email, T0, Channel.EMAIL, "newsletter", Action.CONFIRMED);
    append(email, T0.plus(Duration.ofDays(50)), Channel.EMAIL, "newsletter", Action.WITHDRAWN);
    // phone: granted, used in 2027, objected -> kept 5 years after the use, until 2032-05-01T09:00
    String phone = key(Subject.phone("+49301234567"));
    append(phone, T0, Channel.PHONE, "sales", Action.GRANTED);
    append(phone, Instant.parse("2027-05-01T09:00:00Z"), Channel.PHONE, "sales", Action.USED);
    append(phone, Instant.parse("2027-05-02T09:00:00Z"), Channel.PHONE, "sales", Action.OBJECTED);
    // one consent ended, one still permits (used regularly): never shredded
    String live = key(Subject.email("grace@example.de"));
    append(live, T0, Channel.EMAIL, "newsletter", Action.CONFIRMED);
    append(live, T0, Channel.EMAIL, "offers", Action.CONFIRMED);
    append(live, T0.plus(Duration.ofDays(1)), Channel.EMAIL, "offers", Action.WITHDRAWN);

    clock.set(Instant.parse("2029-12-31T23:59:59.999Z"));
    use(live, Channel.EMAIL, "newsletter");
    assertEquals(0, job.runOnce().shredded());
    clock.set(Instant.parse("2030-01-01T00:00:00Z"));
    assertEquals(1, job.runOnce().shredded());
    assertTrue(events(email).stream().allMatch(e -> e.evidence().isEmpty()));
    assertTrue(events(phone).stream().allMatch(e -> e.evidence().isPresent()));

    clock.set(Instant.parse("2032-05-01T08:59:59Z"));
    use(live, Channel.EMAIL, "newsletter");
    assertEquals(0, job.runOnce().shredded());
    clock.set(Instant.parse("2032-05-01T09:00:00Z"));
    assertEquals(1, job.runOnce().shredded());
    assertTrue(events(phone).stream().allMatch(e -> e.evidence().isEmpty()));

    clock.set(Instant.parse("2040-01-01T00:00:00Z"));
    use(live, Channel.EMAIL, "newsletter");
    assertEquals(RetentionReport.NOTHING, job.runOnce());
    assertTrue(events(live).stream().allMatch(e -> e.evidence().isPresent()));
    assertEquals(ConsentStatus.CONFIRMED, status(live, Channel.EMAIL, "newsletter"));
    assertEquals(ConsentStatus.WITHDRAWN, status(email, Channel.EMAIL, "newsletter"), "the chain still tells");
    assertEquals(new Verification.Intact(count()), verify());
  }

  @Test
  void aLapsedUnconfirmedRequestLeavesNoReadableSignUpData() throws Exception {
    String email = key(Subject.email("ada@example.de"));
    append(email, T0, Channel.EMAIL, "newsletter", Action.REQUESTED);
    append(email, T0.plus(Duration.ofDays(20)), Channel.EMAIL, "newsletter", Action.REQUESTED);

    clock.set(T0.plus(Duration.ofDays(50)).minusMillis(1));
    assertEquals(0, job.runOnce().shredded(), "30 days after the latest request");
    clock.set(T0.plus(Duration.ofDays(50)));
    assertEquals(1, job.runOnce().shredded());
    assertTrue(events(email).stream().allMatch(e -> e.evidence().isEmpty()));
  }

  @Test
  void aNewRequestAfterAWithdrawalKeepsTheWithdrawalsProof() throws Exception {
    String email = key(Subject.email("ada@example.de"));
    append(email, T0, Channel.EMAIL, "newsletter", Action.CONFIRMED);
    append(email, Instant.parse("2029-06-01T00:00:00Z"), Channel.EMAIL, "newsletter", Action.WITHDRAWN);
    append(email, Instant.parse("2029-07-01T00:00:00Z"), Channel.EMAIL, "newsletter", Action.REQUESTED);

    clock.set(Instant.parse("2032-12-31T23:59:59Z"));
    assertEquals(0, job.runOnce().shredded());
    clock.set(Instant.parse("2033-01-01T00:00:00Z"));
    assertEquals(1, job.runOnce().shredded());
  }

  @Test
  void erasedSubjectsAreShreddedWhenTheirRetentionPassesAndTheirConsentEnds() throws Exception {
    String erased = key(Subject.email("ada@example.de"));
    append(erased, T0, Channel.EMAIL, "newsletter", Action.CONFIRMED);
    String pending = key(Subject.email("grace@example.de"));
    append(pending, T0, Channel.EMAIL, "newsletter", Action.REQUESTED);
    markErased(erased, T0.plusSeconds(10));
    markErased(pending, T0.plusSeconds(10));

    clock.set(T0.plus(Duration.ofDays(29)));
    assertEquals(RetentionReport.NOTHING, job.runOnce());
    clock.set(T0.plus(Duration.ofDays(30)));
    assertEquals(new RetentionReport(0, 0, 0, 1, 0), job.runOnce(), "an erased pending request goes after 30 days");
    clock.set(Instant.parse("2029-12-31T00:00:00Z"));
    assertEquals(RetentionReport.NOTHING, job.runOnce(), "erased subjects are neither marked stale nor blocked");
    clock.set(Instant.parse("2030-01-01T00:00:00Z"));
    assertEquals(new RetentionReport(0, 0, 1, 1, 0), job.runOnce());

    assertEquals(ConsentStatus.EXPIRED, status(erased, Channel.EMAIL, "newsletter"));
    assertTrue(events(erased).stream().allMatch(e -> e.evidence().isEmpty()));
    assertEquals(new Verification.Intact(count()), verify());
  }

  @Test
  void aShreddedSubjectCanConsentAgainUnderANewKey() throws Exception {
    String email = key(Subject.email("ada@example.de"));
    append(email, T0, Channel.EMAIL, "newsletter", Action.REQUESTED);
    clock.set(T0.plus(Duration.ofDays(31)));
    assertEquals(1, job.runOnce().shredded());

    append(email, clock.instant(), Channel.EMAIL, "newsletter", Action.REQUESTED);
    append(email, clock.instant(), Channel.EMAIL, "newsletter", Action.CONFIRMED);

    assertEquals(List.of(false, true, true), events(email).stream().map(e -> e.evidence().isPresent()).toList());
    assertEquals(ConsentStatus.CONFIRMED, status(email, Channel.EMAIL, "newsletter"));
  }

  @Test
  void walksSubjectsPageByPage() throws Exception {
    List<String> keys = new ArrayList<>();
    transactions.write(connection -> {
      for (int i = 0; i < 1_234; i++) {
        String key = key(Subject.email("person" + i + "@example.de"));
        keys.add(key);
        ledger.append(connection, List.of(event(key, T0, Channel.EMAIL, "newsletter", Action.REQUESTED)));
      }
      return null;
    });
    String stale = keys.get(1_000);
    append(stale, T0.plusSeconds(1), Channel.EMAIL, "newsletter", Action.CONFIRMED);

    clock.set(T0.plus(Duration.ofDays(731)));
    assertEquals(new RetentionReport(0, 1, 0, 1_233, 0), job.runOnce());
    assertEquals(Action.STALE, last(events(stale)).action());
    assertEquals(new Verification.Intact(count()), verify());
  }

  // ---------------------------------------------------------------------------------------- logs, schedule

  @Test
  void logsOneSummaryLineWithoutPersonalData() throws Exception {
    String address = "ada.lovelace@example.de";
    String email = key(Subject.email(address));
    append(email, T0, Channel.EMAIL, "newsletter", Action.CONFIRMED);
    insertRequest("unconfirmed", T0.minus(Duration.ofDays(40)), false);
    clock.set(T0.plus(Duration.ofDays(731)));

    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      job.runOnce();
    } finally {
      System.setErr(original);
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("event=retention.done deleted_requests=1 stale=1 expired=0 shredded=0 failed=0"), log);
    assertFalse(log.contains(address) || log.contains(email) || log.contains("ada"), log);
  }

  @Test
  void runsOnADaemonThreadUntilClosed() throws Exception {
    String email = key(Subject.email("ada@example.de"));
    append(email, T0, Channel.EMAIL, "newsletter", Action.CONFIRMED);
    clock.set(T0.plus(Duration.ofDays(1096)));

    job.start(Duration.ZERO, Duration.ofMillis(20));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (status(email, Channel.EMAIL, "newsletter") != ConsentStatus.EXPIRED && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(ConsentStatus.EXPIRED, status(email, Channel.EMAIL, "newsletter"));
    Thread thread = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("leadgate-consent-retention")).findFirst().orElseThrow();
    assertTrue(thread.isDaemon());

    job.close();

    thread.join(5_000);
    assertFalse(thread.isAlive());
    assertEquals(1, events(email).stream().filter(e -> e.action() == Action.EXPIRED).count());
  }

  // ------------------------------------------------------------------------------------------------ helpers

  String key(Subject subject) {
    return ledger.keys().keyOf(subject);
  }

  /** An event as intake and the consent links write it: with the address, form and wording, and its lead. */
  static NewConsentEvent event(String subjectKey, Instant at, Channel channel, String purpose, Action action) {
    LegalBasis basis = switch (action) {
      case CONFIRMED, REQUESTED -> LegalBasis.CONSENT_DOI;
      case GRANTED -> LegalBasis.CONSENT_DOCUMENTED;
      default -> LegalBasis.NONE;
    };
    return new NewConsentEvent(at, subjectKey, channel, purpose, action, basis,
        new Evidence(Map.of(Evidence.ADDRESS, "ada@example.de", Evidence.IP, "203.0.113.7", Evidence.FORM_ID,
            "contact", Evidence.WORDING_ID, "newsletter-v1")), Actor.form("contact"), Optional.of(LEAD));
  }

  void append(String subjectKey, Instant at, Channel channel, String purpose, Action action) throws SQLException {
    transactions.write(connection -> ledger.append(connection, List.of(event(subjectKey, at, channel, purpose,
        action))));
  }

  void use(String subjectKey, Channel channel, String purpose) throws SQLException {
    append(subjectKey, clock.instant(), channel, purpose, Action.USED);
  }

  List<ConsentEvent> events(String subjectKey) throws SQLException {
    return transactions.read(connection -> ledger.eventsOf(connection, subjectKey));
  }

  ConsentStatus status(String subjectKey, Channel channel, String purpose) throws SQLException {
    return ConsentStates.of(events(subjectKey)).get(new ConsentStates.Key(channel, purpose)).status();
  }

  Verification verify() throws SQLException {
    return transactions.read(ledger::verify);
  }

  long count() throws SQLException {
    return transactions.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM consent_events");
          ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    });
  }

  void insertRequest(String tokenHash, Instant createdAt, boolean used) throws SQLException {
    transactions.write(connection -> {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO doi_requests (token_hash,"
          + " subject_key, purpose, lead_id, form_id, wording_id, message_id, mail_payload, created_at, expires_at,"
          + " mail_status, mail_attempts, next_mail_at, used_at) VALUES (?, 'k', 'newsletter', ?, 'contact', 'w',"
          + " '<m@x>', NULL, ?, ?, 'sent', 1, ?, ?)")) {
        insert.setString(1, tokenHash);
        insert.setString(2, UUID.randomUUID().toString());
        insert.setLong(3, createdAt.toEpochMilli());
        insert.setLong(4, createdAt.plus(Duration.ofDays(7)).toEpochMilli());
        insert.setLong(5, createdAt.toEpochMilli());
        if (used) {
          insert.setLong(6, createdAt.plusSeconds(600).toEpochMilli());
        } else {
          insert.setNull(6, java.sql.Types.BIGINT);
        }
        insert.executeUpdate();
      }
      return null;
    });
  }

  /** The rows of a query, each column as text. */
  List<List<String>> rows(String sql) throws SQLException {
    return transactions.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(sql);
          ResultSet rows = select.executeQuery()) {
        List<List<String>> found = new ArrayList<>();
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= columns; i++) {
            row.add(rows.getString(i));
          }
          found.add(row);
        }
        return found;
      }
    });
  }

  List<String> requestHashes() throws SQLException {
    return transactions.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT token_hash FROM doi_requests ORDER BY token_hash");
          ResultSet rows = select.executeQuery()) {
        List<String> hashes = new ArrayList<>();
        while (rows.next()) {
          hashes.add(rows.getString(1));
        }
        return hashes;
      }
    });
  }

  /** Stores a lead (delivered already) linked to the subject, as intake with a ticked box would. */
  String storeLeadOf(String subjectKey) throws SQLException {
    LeadStore.Accept accept = StorageFixtures.accept("ada@example.de");
    leads.acceptAll(List.of(accept));
    String leadId = accept.lead().id();
    transactions.write(connection -> {
      execute(connection, "INSERT INTO lead_subjects (lead_id, subject_key, kind) VALUES (?, ?, 'EMAIL')", leadId,
          subjectKey);
      execute(connection, "UPDATE outbox SET status = 'delivered' WHERE lead_id = ?", leadId);
      return null;
    });
    return leadId;
  }

  List<String> outbox(String leadId) throws SQLException {
    return transactions.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT status, revision FROM outbox WHERE lead_id = ?")) {
        select.setString(1, leadId);
        try (ResultSet rows = select.executeQuery()) {
          rows.next();
          return List.of(rows.getString(1), rows.getString(2));
        }
      }
    });
  }

  void markErased(String subjectKey, Instant at) throws SQLException {
    transactions.write(connection -> {
      execute(connection, "UPDATE subject_keys SET erased_at = ? WHERE subject_key = ?", at.toEpochMilli(),
          subjectKey);
      return null;
    });
  }

  private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }

  static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}
