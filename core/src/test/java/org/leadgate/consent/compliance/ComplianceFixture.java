package org.leadgate.consent.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.leadgate.Gateway;
import org.leadgate.config.ConfigLoader;
import org.leadgate.config.GatewayConfig;
import org.leadgate.consent.ConsentRecorder;
import org.leadgate.consent.ConsentService;
import org.leadgate.consent.Subject;
import org.leadgate.consent.Wordings;
import org.leadgate.consent.ledger.Ledger;
import org.leadgate.consent.ledger.SubjectKeys;
import org.leadgate.intake.Submission;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.storage.Backend;
import org.leadgate.storage.Database;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.Transactions;
import org.leadgate.testing.MutableClock;

/**
 * The consent parts of a gateway wired by hand on a real database, without background threads: sign-ups go
 * through the real intake transaction (lead, outbox, consent capture), confirmations through the real consent
 * service with the token taken from the sealed mail payload, so every test decides when time passes.
 */
final class ComplianceFixture implements AutoCloseable {
  static final String NEWSLETTER_TEXT = "Yes, send me the ACME newsletter about widgets. I can withdraw at any time.";
  static final String CALLS_TEXT = "Yes, ACME sales may call me about widgets. I can withdraw at any time.";
  private static final ObjectMapper JSON = new ObjectMapper();

  final MutableClock clock = MutableClock.atFixedStart();
  final GatewayConfig config;
  final Database database;
  final Transactions transactions;
  final Ledger ledger;
  final LeadStore store;
  final ConsentService consent;
  final ComplianceService compliance;

  private ComplianceFixture(GatewayConfig config) throws SQLException {
    this.config = config;
    this.database = Database.open(config.storage());
    this.transactions = new Transactions(database);
    this.ledger = new Ledger(transactions.write(connection -> {
      Wordings.register(connection, config.consent().wordings(), clock.instant());
      return SubjectKeys.load(connection);
    }));
    this.store = new LeadStore(database, transactions, "log",
        Gateway.acceptHook(new ConsentRecorder(config, ledger)));
    this.consent = new ConsentService(config, ledger, transactions, store, clock, () -> {});
    this.compliance = new ComplianceService(config, ledger, transactions, clock);
  }

  static ComplianceFixture open(Backend backend, Path directory) throws Exception {
    GatewayConfig parsed = config(directory);
    return new ComplianceFixture(parsed.withStorage(backend.freshDatabase(directory)));
  }

  /** Two forms (contact, with newsletter and call boxes; event, with the newsletter box) and two wordings. */
  static GatewayConfig config(Path directory) throws Exception {
    String yaml = """
        dataDirectory: %s
        consent:
          baseUrl: https://leads.example.de
          purposes:
            - { id: newsletter, description: the ACME newsletter about widgets }
            - { id: sales-calls, description: calls from ACME sales about widgets }
          wordings:
            - { id: newsletter-v1, text: "%s" }
            - { id: calls-v1, text: "%s" }
          doiMail:
            from: "ACME GmbH <no-reply@acme.example>"
        forms:
          - id: contact
            consents:
              - { field: newsletterOptIn, channel: email, purpose: newsletter, wording: newsletter-v1 }
              - { field: callOptIn, channel: phone, purpose: sales-calls, wording: calls-v1 }
            fields:
              - { name: lastName, type: text }
              - { name: email, type: email }
              - { name: phone, type: phone }
          - id: event
            consents:
              - { field: newsletterOptIn, channel: email, purpose: newsletter, wording: newsletter-v1 }
            fields:
              - { name: lastName, type: text }
              - { name: email, type: email }
        """.formatted(directory, NEWSLETTER_TEXT, CALLS_TEXT);
    return new ConfigLoader(Map.<String, String>of()::get)
        .parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
  }

  /** A sign-up as intake would store it. */
  record SignUp(String form, String lastName, String email, String phone, boolean newsletter, boolean calls,
      String ip, String userAgent, String pageUrl) {
    static SignUp of(String email) {
      return new SignUp("contact", "Lovelace", email, null, true, false, "203.0.113.7", "Mozilla/5.0 (test)",
          "https://www.example.de/kontakt");
    }

    SignUp form(String id) {
      return new SignUp(id, lastName, email, phone, newsletter, calls, ip, userAgent, pageUrl);
    }

    SignUp phone(String number, boolean callOptIn) {
      return new SignUp(form, lastName, email, number, newsletter, callOptIn, ip, userAgent, pageUrl);
    }

    SignUp noNewsletter() {
      return new SignUp(form, lastName, email, phone, false, calls, ip, userAgent, pageUrl);
    }

    SignUp userAgent(String agent) {
      return new SignUp(form, lastName, email, phone, newsletter, calls, ip, agent, pageUrl);
    }

    SignUp page(String url) {
      return new SignUp(form, lastName, email, phone, newsletter, calls, ip, userAgent, url);
    }
  }

  /** Stores the sign-up in the intake transaction; answers the lead id. */
  String signUp(SignUp signUp) throws SQLException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    Provenance typed = Provenance.typed(signUp.form(), clock.instant());
    values.put("lastName", List.of(signUp.lastName()));
    fields.put("lastName", new FieldValue(signUp.lastName(), typed));
    values.put("email", List.of(signUp.email()));
    fields.put("email", new FieldValue(signUp.email(), typed));
    if (signUp.phone() != null) {
      values.put("phone", List.of(signUp.phone()));
      fields.put("phone", new FieldValue(signUp.phone(), typed));
    }
    if (signUp.newsletter()) {
      values.put("newsletterOptIn", List.of("on"));
    }
    if (signUp.calls()) {
      values.put("callOptIn", List.of("on"));
    }
    String body;
    try {
      body = JSON.writeValueAsString(values);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Submission submission = new Submission(signUp.form(), clock.instant(), "application/json", body, values,
        Optional.empty(), new Submission.RequestContext(Optional.ofNullable(signUp.ip()),
            Optional.ofNullable(signUp.userAgent()), Optional.ofNullable(signUp.pageUrl())));
    Lead lead = new Lead(UUID.randomUUID().toString(), signUp.form(), clock.instant(), fields);
    return store.acceptAll(List.of(new LeadStore.Accept(submission, lead))).get(0).leadId();
  }

  /** The confirmation link token of the person's newest open request, as the mail or SMS would carry it. */
  String confirmToken(Subject subject) throws SQLException {
    String subjectKey = ledger.keys().keyOf(subject);
    return transactions.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT mail_payload FROM doi_requests"
          + " WHERE subject_key = ? AND used_at IS NULL ORDER BY created_at DESC")) {
        select.setString(1, subjectKey);
        try (ResultSet rows = select.executeQuery()) {
          if (!rows.next()) {
            throw new AssertionError("no open confirmation request");
          }
          byte[] payload = ledger.keys().open(connection, subjectKey, rows.getString(1)).orElseThrow();
          try {
            return JSON.readTree(payload).get("confirmToken").asText();
          } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    });
  }

  /** The person clicks the confirmation link in the mail. */
  void confirm(String email, String clickIp, String clickUserAgent) throws SQLException {
    confirm(Subject.email(email), clickIp, clickUserAgent);
  }

  /** The person clicks the confirmation link in the mail or, for a phone number, in the SMS. */
  void confirm(Subject subject, String clickIp, String clickUserAgent) throws SQLException {
    ConsentService.LinkState state = consent.confirm(confirmToken(subject),
        Map.of("ip", clickIp, "userAgent", clickUserAgent));
    if (!(state instanceof ConsentService.LinkState.Valid)) {
      throw new AssertionError("confirmation failed: " + state);
    }
  }

  String export(ExportFilter filter, ExportFormat format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    compliance.exportConsents("compliance-officer", filter, format, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  JsonNode exportJson(ExportFilter filter) throws Exception {
    return JSON.readTree(export(filter, ExportFormat.JSON));
  }

  ExportFilter everything() {
    return ExportFilter.until(clock.instant().plusSeconds(1));
  }

  /** The first column of every row a query answers, as text. */
  List<String> column(String sql, Object... parameters) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      List<String> values = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
      return values;
    }
  }

  String single(String sql, Object... parameters) throws SQLException {
    List<String> values = column(sql, parameters);
    if (values.size() != 1) {
      throw new AssertionError("expected one row but got " + values + " for " + sql);
    }
    return values.get(0);
  }

  @Override
  public void close() {
    database.close();
  }
}
