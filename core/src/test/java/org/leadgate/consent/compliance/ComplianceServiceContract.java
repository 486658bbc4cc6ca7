package org.leadgate.consent.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.Gateway;
import org.leadgate.config.GatewayConfig;
import org.leadgate.consent.Actor;
import org.leadgate.consent.Channel;
import org.leadgate.consent.ConsentService;
import org.leadgate.consent.Subject;
import org.leadgate.consent.compliance.ComplianceFixture.SignUp;
import org.leadgate.consent.ledger.Verification;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.Outcome;
import org.leadgate.storage.Backend;
import org.leadgate.storage.LeadStore;

/** Compliance exports and erasure on a real database; one subclass per {@link Backend}. */
abstract class ComplianceServiceContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OFFICER = "compliance-officer";
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final String ADA = "ada@example.de";
  private static final String ADA_PHONE = "+49 30 1234567";

  private final Backend backend;

  @TempDir
  Path directory;

  private ComplianceFixture f;

  ComplianceServiceContract(Backend backend) {
    this.backend = backend;
  }

  @BeforeEach
  void open() throws Exception {
    f = ComplianceFixture.open(backend, directory);
  }

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  private static Map<String, String> byHeader(List<String> header, List<String> row) {
    assertEquals(header.size(), row.size(), "cells in " + row);
    Map<String, String> cells = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      cells.put(header.get(i), row.get(i));
    }
    return cells;
  }

  private List<Long> seqs(ExportFilter filter) throws Exception {
    List<Long> seqs = new ArrayList<>();
    f.exportJson(filter).forEach(row -> seqs.add(row.get("seq").asLong()));
    return seqs;
  }

  private List<AuditEntry> audit() throws SQLException {
    List<AuditEntry> entries = new ArrayList<>();
    f.compliance.auditEntries(OFFICER, Instant.EPOCH, f.clock.instant().plusSeconds(1), entries::add);
    return entries;
  }

  private Verification verify() throws SQLException {
    return f.transactions.read(f.ledger::verify);
  }

  private String subjectKey(Subject subject) {
    return f.ledger.keys().keyOf(subject);
  }

  @Test
  void theCsvExportHasItsHeaderRowAndOneRowPerEventAndShowsFormulaCellsAsText() throws Exception {
    String hostileAddress = "=HYPERLINK(\"http://evil.example\",\"x\")@evil.example";
    f.signUp(SignUp.of(hostileAddress).userAgent("=cmd|' /C calc'!A0").page("@SUM(1+1)"));
    f.signUp(SignUp.of(ADA).userAgent("-2+3"));

    String csv = f.export(f.everything(), ExportFormat.CSV);

    List<List<String>> rows = Rfc4180.parse(csv);
    assertEquals(ConsentRow.CSV_HEADER, rows.get(0));
    assertEquals(List.of("seq", "time", "subject_key", "address", "channel", "purpose", "action", "legal_basis",
        "actor", "lead_id", "form_id", "wording_id", "wording_sha256", "ip", "user_agent", "page_url",
        "mail_message_id", "hash"), rows.get(0));
    assertEquals(3, rows.size());
    Map<String, String> hostile = byHeader(rows.get(0), rows.get(1));
    assertEquals("'" + hostileAddress, hostile.get("address"));
    assertEquals("'=cmd|' /C calc'!A0", hostile.get("user_agent"));
    assertEquals("'@SUM(1+1)", hostile.get("page_url"));
    assertEquals("'-2+3", byHeader(rows.get(0), rows.get(2)).get("user_agent"));
    for (List<String> row : rows) {
      for (String cell : row) {
        assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, "a formula cell: " + cell);
      }
    }
    assertEquals("1", hostile.get("seq"));
    assertEquals("2026-01-05T09:00:00Z", hostile.get("time"));
    assertEquals(subjectKey(Subject.email(hostileAddress)), hostile.get("subject_key"));
    assertEquals("email", hostile.get("channel"));
    assertEquals("newsletter", hostile.get("purpose"));
    assertEquals("requested", hostile.get("action"));
    assertEquals("consent-doi", hostile.get("legal_basis"));
    assertEquals("form:contact", hostile.get("actor"));
    assertEquals("contact", hostile.get("form_id"));
    assertEquals("newsletter-v1", hostile.get("wording_id"));
    assertEquals(ComplianceService.sha256(ComplianceFixture.NEWSLETTER_TEXT), hostile.get("wording_sha256"));
    assertEquals("203.0.113.7", hostile.get("ip"));
    assertTrue(hostile.get("mail_message_id").matches("<[0-9a-f-]{36}@leadgate>"), hostile.get("mail_message_id"));
    assertTrue(hostile.get("hash").matches("[0-9a-f]{64}"));
    assertEquals(f.single("SELECT lead_id FROM consent_events WHERE seq = 1"), hostile.get("lead_id"));
  }

  @Test
  void jsonIsOneArrayOfObjectsAndNdjsonOneObjectPerLineWithTheSameMembers() throws Exception {
    f.signUp(SignUp.of(ADA));
    f.clock.advance(Duration.ofMinutes(5));
    f.confirm(ADA, "198.51.100.9", "Click/1.0");

    JsonNode array = f.exportJson(f.everything());
    String ndjson = f.export(f.everything(), ExportFormat.NDJSON);

    assertTrue(array.isArray());
    assertEquals(2, array.size());
    List<String> names = new ArrayList<>();
    array.get(0).fieldNames().forEachRemaining(names::add);
    assertEquals(ConsentRow.JSON_NAMES, names);
    assertTrue(array.get(0).get("seq").isNumber());
    JsonNode confirmed = array.get(1);
    assertEquals("confirmed", confirmed.get("action").asText());
    assertEquals("2026-01-05T09:05:00Z", confirmed.get("time").asText());
    assertEquals("person:link", confirmed.get("actor").asText());
    assertEquals(ADA, confirmed.get("address").asText());
    assertEquals("198.51.100.9", confirmed.get("ip").asText());
    assertEquals("Click/1.0", confirmed.get("userAgent").asText());
    assertTrue(confirmed.get("pageUrl").isNull(), "a click has no page");
    assertEquals(array.get(0).get("mailMessageId"), confirmed.get("mailMessageId"));
    assertEquals("contact", confirmed.get("formId").asText());

    String[] lines = ndjson.split("\n", -1);
    assertEquals(3, lines.length, ndjson);
    assertEquals("", lines[2], "every line ends with a line feed");
    assertEquals(array.get(0), JSON.readTree(lines[0]));
    assertEquals(array.get(1), JSON.readTree(lines[1]));

    ExportFilter none = f.everything().between(T0.minusSeconds(60), T0);
    assertEquals("[]", f.export(none, ExportFormat.JSON));
    assertEquals("", f.export(none, ExportFormat.NDJSON));
    assertEquals(String.join(",", ConsentRow.CSV_HEADER) + "\r\n", f.export(none, ExportFormat.CSV));
  }

  @Test
  void filtersSelectByTimeChannelPurposeAndFormAndAWithdrawalCountsForTheFormItsConsentCameFrom()
      throws Exception {
    f.signUp(SignUp.of(ADA).phone(ADA_PHONE, true));
    f.clock.advance(Duration.ofHours(1));
    f.signUp(SignUp.of("grace@example.com").form("event"));
    f.clock.advance(Duration.ofHours(1));
    f.consent.end(Subject.email(ADA), Channel.EMAIL, Optional.of("newsletter"), false, Actor.admin("crm-sync"),
        Map.of());

    assertEquals(List.of(1L, 2L, 3L, 4L), seqs(f.everything()));
    assertEquals(List.of(2L), seqs(f.everything().channel(Channel.PHONE)));
    assertEquals(List.of(1L, 3L, 4L), seqs(f.everything().purpose("newsletter")));
    assertEquals(List.of(3L), seqs(f.everything().form("event")));
    assertEquals(List.of(1L, 2L, 4L), seqs(f.everything().form("contact")));
    assertEquals(List.of(1L, 4L), seqs(f.everything().form("contact").channel(Channel.EMAIL).purpose("newsletter")));
    assertEquals(List.of(3L), seqs(f.everything().between(T0.plusSeconds(1), T0.plus(Duration.ofHours(2)))));
    assertEquals(List.of(), seqs(f.everything().between(T0, T0)));

    JsonNode withdrawal = f.exportJson(f.everything().form("contact")).get(2);
    assertEquals("withdrawn", withdrawal.get("action").asText());
    assertEquals("admin:crm-sync", withdrawal.get("actor").asText());
    assertTrue(withdrawal.get("formId").isNull(), "the withdrawal itself came through no form");
  }

  @Test
  void everyExportProofSubjectExportAndErasureIsAuditedUnderTheTokenNameNeverWithTheAddress() throws Exception {
    f.signUp(SignUp.of(ADA));
    f.export(f.everything().purpose("newsletter"), ExportFormat.CSV);
    f.clock.advance(Duration.ofSeconds(1));
    f.compliance.proof(OFFICER, Subject.email(ADA));
    f.clock.advance(Duration.ofSeconds(1));
    f.compliance.export(OFFICER, Subject.email(ADA));
    f.clock.advance(Duration.ofSeconds(1));
    f.compliance.erase(OFFICER, Subject.email(ADA));
    f.clock.advance(Duration.ofSeconds(1));
    f.compliance.proof(OFFICER, Subject.email("nobody@example.org"));
    f.clock.advance(Duration.ofSeconds(1));

    List<AuditEntry> entries = audit();

    assertEquals(List.of("consents.export", "subjects.proof", "subjects.export", "subjects.erase",
        "subjects.proof", "audit.list"), entries.stream().map(AuditEntry::action).toList());
    assertTrue(entries.stream().allMatch(e -> e.principal().equals(OFFICER)));
    assertEquals("from=1970-01-01T00:00:00Z to=2026-01-05T09:00:01Z purpose=newsletter format=csv",
        entries.get(0).detail());
    assertEquals("subject=email:" + subjectKey(Subject.email(ADA)), entries.get(1).detail());
    assertEquals(entries.get(1).detail(), entries.get(3).detail());
    assertEquals("subject=email:" + subjectKey(Subject.email("nobody@example.org")), entries.get(4).detail());
    assertEquals(T0.plusSeconds(3), entries.get(3).at());
    // the address never appears; a bare "ada" could occur by chance inside a hex subject key
    assertTrue(entries.stream().noneMatch(e -> e.detail().contains("@") || e.detail().contains(ADA)
        || e.detail().contains("ada@") || e.detail().contains("example.de")));
    assertEquals("6", f.single("SELECT COUNT(*) FROM audit_log"));
  }

  @Test
  void theProofHoldsEachConsentsStatusAndHistoryWithEvidenceTheExactWordingAndTheConfirmationClick()
      throws Exception {
    String leadId = f.signUp(SignUp.of(ADA).phone(ADA_PHONE, true));
    f.clock.advance(Duration.ofMinutes(5));
    f.confirm(ADA, "198.51.100.9", "Click/1.0");
    f.clock.advance(Duration.ofMinutes(5));
    f.confirm(Subject.phone(ADA_PHONE), "198.51.100.23", "Phone/1.0");

    JsonNode proof = ComplianceJson.proof(f.compliance.proof(OFFICER, Subject.email(ADA)).orElseThrow());

    assertEquals(ADA, proof.get("subject").get("address").asText());
    assertEquals(subjectKey(Subject.email(ADA)), proof.get("subject").get("key").asText());
    assertTrue(proof.get("evidenceReadable").asBoolean());
    assertTrue(proof.get("erasedAt").isNull());
    assertEquals("2030-01-01T00:00:00Z", proof.get("proofRetainedUntil").asText());
    assertEquals(1, proof.get("consents").size(), "the phone consent belongs to the phone number");
    JsonNode newsletter = proof.get("consents").get(0);
    assertEquals("email", newsletter.get("channel").asText());
    assertEquals("newsletter", newsletter.get("purpose").asText());
    assertEquals("the ACME newsletter about widgets", newsletter.get("purposeDescription").asText());
    assertEquals("confirmed", newsletter.get("status").asText());
    assertEquals("consent-doi", newsletter.get("legalBasis").asText());
    assertEquals("2026-01-05T09:05:00Z", newsletter.get("since").asText());

    JsonNode requested = newsletter.get("events").get(0);
    JsonNode confirmed = newsletter.get("events").get(1);
    assertEquals("requested", requested.get("action").asText());
    assertEquals("2026-01-05T09:00:00Z", requested.get("time").asText());
    assertEquals(leadId, requested.get("leadId").asText());
    JsonNode signUp = requested.get("evidence");
    assertEquals("203.0.113.7", signUp.get("ip").asText());
    assertEquals("Mozilla/5.0 (test)", signUp.get("userAgent").asText());
    assertEquals("https://www.example.de/kontakt", signUp.get("pageUrl").asText());
    assertEquals("contact", signUp.get("formId").asText());
    assertEquals("newsletter-v1", signUp.get("wordingId").asText());
    String messageId = signUp.get("mailMessageId").asText();
    assertTrue(messageId.matches("<[0-9a-f-]{36}@leadgate>"), messageId);
    assertEquals("confirmed", confirmed.get("action").asText());
    assertEquals("2026-01-05T09:05:00Z", confirmed.get("time").asText());
    assertEquals("person:link", confirmed.get("actor").asText());
    assertEquals("198.51.100.9", confirmed.get("evidence").get("ip").asText());
    assertEquals("Click/1.0", confirmed.get("evidence").get("userAgent").asText());
    assertEquals(messageId, confirmed.get("evidence").get("mailMessageId").asText());
    assertTrue(confirmed.get("hash").asText().matches("[0-9a-f]{64}"));

    JsonNode wording = proof.get("wordings").get(0);
    assertEquals("newsletter-v1", wording.get("id").asText());
    assertEquals(ComplianceFixture.NEWSLETTER_TEXT, wording.get("text").asText());
    assertEquals(ComplianceService.sha256(ComplianceFixture.NEWSLETTER_TEXT), wording.get("sha256").asText());
    assertEquals(wording.get("sha256").asText(), signUp.get("wordingSha256").asText());
    assertTrue(wording.get("matchesEvidence").asBoolean());

    JsonNode request = proof.get("doiRequests").get(0);
    assertEquals(messageId, request.get("messageId").asText());
    assertEquals("2026-01-05T09:00:00Z", request.get("requestedAt").asText());
    assertEquals("2026-01-05T09:05:00Z", request.get("confirmedAt").asText());
    assertEquals("newsletter-v1", request.get("wordingId").asText());

    JsonNode phone = ComplianceJson.proof(f.compliance.proof(OFFICER, Subject.phone(ADA_PHONE)).orElseThrow());
    JsonNode calls = phone.get("consents").get(0);
    assertEquals("confirmed", calls.get("status").asText());
    assertEquals("consent-documented", calls.get("legalBasis").asText());
    assertEquals("2031-01-05T09:10:00Z", calls.get("proofRetainedUntil").asText(),
        "phone: 5 years from the verification (UWG §7a)");
    assertEquals(ComplianceFixture.CALLS_TEXT, phone.get("wordings").get(0).get("text").asText());
    JsonNode texted = calls.get("events").get(0).get("evidence");
    JsonNode verified = calls.get("events").get(1).get("evidence");
    assertEquals("requested", calls.get("events").get(0).get("action").asText());
    assertEquals("confirmed", calls.get("events").get(1).get("action").asText());
    assertEquals("2026-01-05T09:10:00Z", calls.get("events").get(1).get("time").asText());
    String smsId = texted.get("smsMessageId").asText();
    assertTrue(smsId.matches("[0-9a-f-]{36}"), smsId);
    assertEquals(smsId, verified.get("smsMessageId").asText());
    assertEquals("198.51.100.23", verified.get("ip").asText());
    assertEquals("Phone/1.0", verified.get("userAgent").asText());
    assertEquals("phone number verified: the link in the SMS to it was confirmed", verified.get("note").asText());
    JsonNode textedRequest = phone.get("doiRequests").get(0);
    assertEquals(smsId, textedRequest.get("messageId").asText());
    assertEquals("phone", textedRequest.get("channel").asText());
    assertEquals("2026-01-05T09:10:00Z", textedRequest.get("confirmedAt").asText());
  }

  @Test
  void theSubjectExportHoldsTheLeadsWithProvenanceRawSubmissionDeliveryAndConsentHistory() throws Exception {
    String leadId = f.signUp(SignUp.of(ADA).phone(ADA_PHONE, false));

    JsonNode export = ComplianceJson.export(f.compliance.export(OFFICER, Subject.email(ADA)).orElseThrow());

    JsonNode lead = export.get("leads").get(0);
    assertEquals(leadId, lead.get("leadId").asText());
    assertEquals("contact", lead.get("formId").asText());
    assertEquals(ADA, lead.get("fields").get("email").asText());
    assertEquals("Lovelace", lead.get("fields").get("lastName").asText());
    assertEquals("TYPED", lead.get("provenance").get("email").get("source").asText());
    assertEquals("form:contact", lead.get("provenance").get("email").get("origin").asText());
    assertTrue(lead.get("submission").get("body").asText().contains(ADA));
    assertEquals("application/json", lead.get("submission").get("contentType").asText());
    assertEquals("pending", lead.get("delivery").get("status").asText());
    assertEquals("log", lead.get("delivery").get("target").asText());
    assertTrue(lead.get("request").has("clientIp") || lead.get("request").has("userAgent"), lead.toString());
    List<String> types = new java.util.ArrayList<>();
    lead.get("events").forEach(event -> types.add(event.get("type").asText()));
    assertTrue(types.contains("form-submitted"), "what the lead did, for scoring: " + types);
    assertEquals("requested", export.get("consents").get(0).get("status").asText());
    assertEquals(ADA, export.get("consents").get(0).get("events").get(0).get("evidence").get("address").asText());
  }

  @Test
  void erasureEmptiesTheLeadsAtOnceStopsUndeliveredOnesAndKeepsTheProofWhileItsRetentionLasts()
      throws Exception {
    String first = f.signUp(SignUp.of(ADA).phone(ADA_PHONE, true));
    f.clock.advance(Duration.ofMinutes(5));
    f.confirm(ADA, "198.51.100.9", "Click/1.0");
    int revision = Integer.parseInt(f.single("SELECT revision FROM outbox WHERE lead_id = ?", first));
    f.store.record(List.of(new LeadStore.AttemptResult.Delivered(first, revision, 1, Optional.of("crm-4711"))),
        f.clock.instant());
    f.clock.advance(Duration.ofDays(30));
    String second = f.signUp(SignUp.of(ADA).form("event"));
    f.clock.advance(Duration.ofDays(1));
    Instant erasedAt = f.clock.instant();
    long eventsBefore = ((Verification.Intact) verify()).events();
    assertEquals("2", f.single("SELECT COUNT(*) FROM lead_requests"), "the requests kept for enrichment");
    assertTrue(Integer.parseInt(f.single("SELECT COUNT(*) FROM lead_events")) >= 2, "what the leads did");
    assertEquals("1", f.single("SELECT COUNT(*) FROM delivery_log WHERE lead_id = ?", first), "the delivery");

    ErasureResult result = f.compliance.erase(OFFICER, Subject.email(ADA)).orElseThrow();

    assertEquals(erasedAt, result.erasedAt());
    assertEquals(Optional.of(Instant.parse("2030-01-01T00:00:00Z")), result.proofRetainedUntil());
    assertFalse(result.evidenceShredded());
    assertEquals(List.of(new ErasureResult.ErasedLead(first, "contact", "delivered", Optional.of("crm-4711")),
        new ErasureResult.ErasedLead(second, "event", "stopped", Optional.empty())),
        result.leads().stream().sorted((a, b) -> a.leadId().equals(first) ? -1 : 1).toList());

    for (String lead : List.of(first, second)) {
      assertEquals("{}", f.single("SELECT fields FROM leads WHERE id = ?", lead));
      assertEquals("", f.single("SELECT s.body FROM submissions s JOIN leads l ON l.submission_id = s.id"
          + " WHERE l.id = ?", lead));
      assertEquals(List.of(), f.column("SELECT subject_key FROM lead_subjects WHERE lead_id = ?", lead));
    }
    assertEquals("0", f.single("SELECT COUNT(*) FROM leads WHERE fields LIKE '%ada%' OR fields LIKE '%1234567%'"));
    assertEquals("0", f.single("SELECT COUNT(*) FROM submissions WHERE body LIKE '%ada%'"));
    assertEquals("0", f.single("SELECT COUNT(*) FROM lead_requests"), "the client address and browser are gone");
    assertEquals("0", f.single("SELECT COUNT(*) FROM lead_events"), "and what the leads did");
    assertEquals("0", f.single("SELECT COUNT(*) FROM delivery_log"), "and how they were delivered");
    assertEquals(List.of("delivered", "crm-4711"), List.of(f.single("SELECT status FROM outbox WHERE lead_id = ?",
        first), f.single("SELECT crm_record_id FROM outbox WHERE lead_id = ?", first)));
    assertEquals(List.of("dead", "erased"), List.of(f.single("SELECT status FROM outbox WHERE lead_id = ?", second),
        f.single("SELECT last_error FROM outbox WHERE lead_id = ?", second)));
    assertEquals("0", f.single("SELECT COUNT(*) FROM doi_requests WHERE mail_payload IS NOT NULL"));
    assertEquals(Long.toString(erasedAt.toEpochMilli()), f.single("SELECT erased_at FROM subject_keys"
        + " WHERE subject_key = ?", subjectKey(Subject.email(ADA))));
    assertEquals(new Verification.Intact(eventsBefore), verify(), "the ledger is untouched and verifies");

    SubjectExport after = f.compliance.export(OFFICER, Subject.email(ADA)).orElseThrow();
    JsonNode json = ComplianceJson.export(after);
    assertEquals(0, json.get("leads").size(), "no lead data is left");
    assertEquals(erasedAt.toString(), json.get("erasedAt").asText());
    assertEquals("confirmed", json.get("consents").get(0).get("status").asText());
    assertEquals(ADA, json.get("consents").get(0).get("events").get(0).get("evidence").get("address").asText(),
        "the proof is kept until " + result.proofRetainedUntil().get());
    assertEquals(ADA, f.exportJson(f.everything().channel(Channel.EMAIL)).get(0).get("address").asText());

    f.consent.end(Subject.email(ADA), Channel.EMAIL, Optional.empty(), true, Actor.admin("crm-sync"), Map.of());
    f.consent.end(Subject.phone(ADA_PHONE), Channel.PHONE, Optional.empty(), false, Actor.admin("crm-sync"),
        Map.of());
    assertEquals(List.of("delivered", "dead"), f.column("SELECT status FROM outbox WHERE lead_id IN (?, ?)"
        + " ORDER BY CASE WHEN lead_id = ? THEN 0 ELSE 1 END", first, second, first),
        "a consent change after erasure queues no emptied lead");
  }

  @Test
  void theProofOfAWithdrawnConsentIsKeptThreeYearsFromTheWithdrawalEvenAfterANewUnconfirmedSignUp()
      throws Exception {
    f.signUp(SignUp.of(ADA));
    f.confirm(ADA, "198.51.100.9", "Click/1.0");
    f.clock.set(Instant.parse("2029-06-01T10:00:00Z"));
    f.consent.end(Subject.email(ADA), Channel.EMAIL, Optional.of("newsletter"), false, Actor.admin("crm-sync"),
        Map.of());
    f.clock.set(Instant.parse("2029-07-01T10:00:00Z"));
    f.signUp(SignUp.of(ADA));
    f.clock.set(Instant.parse("2030-06-01T10:00:00Z"));

    ErasureResult result = f.compliance.erase(OFFICER, Subject.email(ADA)).orElseThrow();

    assertEquals(Optional.of(Instant.parse("2033-01-01T00:00:00Z")), result.proofRetainedUntil());
    assertFalse(result.evidenceShredded(), "the withdrawal of 2029 may still be disputed");
    assertEquals(ADA, f.exportJson(f.everything()).get(0).get("address").asText());
  }

  @Test
  void erasureOfSomeoneWhoNeverConfirmedDestroysTheEvidenceAndTheLedgerStillVerifies() throws Exception {
    f.signUp(SignUp.of(ADA));
    String token = f.confirmToken(Subject.email(ADA));

    ErasureResult result = f.compliance.erase(OFFICER, Subject.email(ADA)).orElseThrow();

    assertEquals(Optional.empty(), result.proofRetainedUntil());
    assertTrue(result.evidenceShredded());
    assertInstanceOf(Verification.Intact.class, verify());
    JsonNode row = f.exportJson(f.everything()).get(0);
    assertEquals("requested", row.get("action").asText());
    assertEquals(subjectKey(Subject.email(ADA)), row.get("subjectKey").asText());
    assertTrue(row.get("address").isNull(), "unreadable: " + row);
    assertTrue(row.get("ip").isNull());
    assertTrue(row.get("userAgent").isNull());
    assertEquals("contact", row.get("formId").asText(), "the form is known from the event's actor");
    JsonNode proof = ComplianceJson.proof(f.compliance.proof(OFFICER, Subject.email(ADA)).orElseThrow());
    assertFalse(proof.get("evidenceReadable").asBoolean());
    assertTrue(proof.get("consents").get(0).get("events").get(0).get("evidence").isNull());
    assertInstanceOf(ConsentService.LinkState.Expired.class, f.consent.confirmation(token),
        "the confirmation link in the mail no longer works");
    assertEquals("0", f.single("SELECT COUNT(*) FROM withdraw_tokens"));
  }

  @Test
  void nothingIsFoundOrErasedForAnUnknownPersonButEachLookupIsAudited() throws Exception {
    String leadId = f.signUp(SignUp.of(ADA));
    Subject stranger = Subject.email("nobody@example.org");

    assertEquals(Optional.empty(), f.compliance.proof(OFFICER, stranger));
    assertEquals(Optional.empty(), f.compliance.export(OFFICER, stranger));
    assertEquals(Optional.empty(), f.compliance.erase(OFFICER, stranger));

    assertEquals("3", f.single("SELECT COUNT(*) FROM audit_log"));
    assertNotEquals("{}", f.single("SELECT fields FROM leads WHERE id = ?", leadId));
    assertEquals("pending", f.single("SELECT status FROM outbox WHERE lead_id = ?", leadId));
  }

  @Test
  void theGatewayOffersTheServiceOnItsOwnStorage() throws Exception {
    Path own = Files.createDirectories(directory.resolve("gateway"));
    GatewayConfig base = ComplianceFixture.config(own);
    GatewayConfig config = base.withStorage(backend.freshDatabase(own));
    try (Gateway gateway = Gateway.start(config, getClass().getClassLoader(), f.clock)) {
      Outcome outcome = gateway.submit(new Submission("contact", f.clock.instant(), "application/json",
          "{\"email\":\"ada@example.de\",\"newsletterOptIn\":\"on\"}",
          Map.of("email", List.of(ADA), "newsletterOptIn", List.of("on")), Optional.empty()));
      assertInstanceOf(Outcome.Accepted.class, outcome);

      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      long rows = gateway.compliance().exportConsents(OFFICER, f.everything(), ExportFormat.NDJSON, out);

      assertEquals(1, rows);
      assertEquals(ADA, JSON.readTree(out.toByteArray()).get("address").asText());
    }
  }
}
