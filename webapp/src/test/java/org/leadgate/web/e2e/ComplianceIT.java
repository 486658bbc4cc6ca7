package org.leadgate.web.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.web.testing.EmbeddedGateway;
import org.leadgate.testing.Eventually;
import org.leadgate.web.testing.Http;
import org.leadgate.web.testing.StoredRows;
import org.leadgate.web.testing.TestConfig;

/**
 * What compliance officers take out of the running WAR over real HTTP: consent exports (CSV safe against formula
 * injection, JSON, NDJSON), the per-person proof as JSON and as a printable page, the per-person export, erasure,
 * and the audit log of it all; a real SMTP server (GreenMail) carries the double opt-in mail.
 */
class ComplianceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = "admin-token-0123456789abcdef";
  private static final String COMPLIANCE = "compliance-token-0123456789";
  private static final String WORDING = "Yes, send me the ACME newsletter about widgets. I can withdraw at any time.";
  private static final Pattern LINK = Pattern.compile(Pattern.quote(TestConfig.BASE_URL) + "(/consent/\\w+/[\\w-]+)");

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir
  Path directory;

  private EmbeddedGateway gateway;
  private StoredRows rows;

  @BeforeEach
  void start() throws Exception {
    TestConfig config = TestConfig.sqlite(directory)
        .withConsent(smtp.getSmtp().getPort(), "b2c")
        .with("admin:\n  tokens:\n"
            + "    - { name: crm-sync, token: " + ADMIN + ", roles: [admin] }\n"
            + "    - { name: compliance-officer, token: " + COMPLIANCE + ", roles: [compliance] }");
    rows = config.rows();
    gateway = EmbeddedGateway.start(config.write());
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  /** A browser-style form post (urlencoded) that asks for a JSON answer; answers the lead id. */
  private String signUp(Map<String, String> fields, String userAgent, String page) throws Exception {
    HttpResponse<String> response = Http.postForm(gateway.uri("/forms/contact"), fields, "Accept",
        "application/json", "User-Agent", userAgent, "Referer", page);
    assertEquals(202, response.statusCode(), response.body());
    return JSON.readTree(response.body()).get("leadId").asText();
  }

  private String signUp(String email) throws Exception {
    return signUp(Map.of("lastName", "Lovelace", "email", email, "newsletterOptIn", "on"), "Mozilla/5.0 (test)",
        "https://www.example.de/kontakt");
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    return Http.get(gateway.uri(path), headers);
  }

  private HttpResponse<String> compliance(String path, String... headers) throws Exception {
    List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + COMPLIANCE));
    all.addAll(List.of(headers));
    return get(path, all.toArray(String[]::new));
  }

  private HttpResponse<String> erase(String json, String token) throws Exception {
    return Http.post(gateway.uri("/api/subjects/erase"), "application/json", json, "Authorization",
        "Bearer " + token);
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static List<MimeMessage> mailsTo(String address) {
    return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equals(address);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** Waits for the confirmation mail and clicks its confirmation link; answers the mail. */
  private MimeMessage confirmByMail(String address, String clickUserAgent) throws Exception {
    Eventually.await("a mail to " + address, Duration.ofSeconds(10), () -> !mailsTo(address).isEmpty());
    MimeMessage mail = mailsTo(address).get(0);
    Matcher link = LINK.matcher(GreenMailUtil.getBody(mail).replace("=\r\n", ""));
    String confirm = null;
    while (link.find()) {
      if (link.group(1).contains("/confirm/")) {
        confirm = link.group(1);
      }
    }
    HttpResponse<String> clicked = Http.post(gateway.uri(confirm), "application/x-www-form-urlencoded", "",
        "User-Agent", clickUserAgent);
    assertEquals(200, clicked.statusCode(), clicked.body());
    return mail;
  }

  private List<JsonNode> auditEntries() throws Exception {
    HttpResponse<String> response = compliance("/api/audit");
    assertEquals(200, response.statusCode(), response.body());
    List<JsonNode> entries = new ArrayList<>();
    JSON.readTree(response.body()).get("entries").forEach(entries::add);
    return entries;
  }

  private String single(String sql, String parameter) throws Exception {
    try (Connection connection = rows.connect(); PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, parameter);
      try (ResultSet result = select.executeQuery()) {
        assertTrue(result.next(), "no row for " + sql);
        return result.getString(1);
      }
    }
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** RFC 4180 records of a CSV body (CRLF records, quoted fields with doubled quotes). */
  private static List<List<String>> csv(String body) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < body.length() && body.charAt(i + 1) == '\n') {
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    assertTrue(record.isEmpty() && field.length() == 0, "the last record ends with CRLF");
    return records;
  }

  private static Map<String, String> byHeader(List<List<String>> records, int row) {
    Map<String, String> cells = new LinkedHashMap<>();
    for (int i = 0; i < records.get(0).size(); i++) {
      cells.put(records.get(0).get(i), records.get(row).get(i));
    }
    return cells;
  }

  @Test
  void everyComplianceEndpointNeedsATokenWithTheComplianceRole() throws Exception {
    signUp("ada@example.de");
    List<HttpRequest.Builder> requests = List.of(
        HttpRequest.newBuilder(gateway.uri("/api/consents?format=csv")).GET(),
        HttpRequest.newBuilder(gateway.uri("/api/subjects/proof?email=ada%40example.de")).GET(),
        HttpRequest.newBuilder(gateway.uri("/api/subjects/export?email=ada%40example.de")).GET(),
        HttpRequest.newBuilder(gateway.uri("/api/subjects/erase")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ada@example.de\"}")),
        HttpRequest.newBuilder(gateway.uri("/api/audit")).GET());
    for (HttpRequest.Builder request : requests) {
      HttpResponse<String> anonymous = Http.send(request.copy().build());
      assertEquals(401, anonymous.statusCode(), request.build().uri().toString());
      assertEquals("application/problem+json", anonymous.headers().firstValue("Content-Type").orElse(""));
      HttpResponse<String> wrongRole = Http.send(request.copy().header("Authorization", "Bearer " + ADMIN).build());
      assertEquals(403, wrongRole.statusCode(), request.build().uri().toString());
      assertEquals(401, Http.send(request.copy().header("Authorization", "Bearer " + COMPLIANCE + "x").build())
          .statusCode());
    }
    assertEquals(0, rows.count("audit_log"), "a refused request exports nothing and is not an export");
    assertFalse(single("SELECT fields FROM leads WHERE form_id = ?", "contact").equals("{}"), "nothing erased");
    assertEquals(200, compliance("/api/consents/verify").statusCode(), "the consent API keeps its sub-paths");
  }

  @Test
  void theCsvExportIsAnAttachmentInWhichFormulasFromAFormSubmissionAreShownAsText() throws Exception {
    String leadId = signUp(Map.of("lastName", "Mallory", "email", "=1+1@evil.example", "newsletterOptIn", "on"),
        "=cmd|' /C calc'!A0", "@SUM(1+1)");

    HttpResponse<String> response = compliance("/api/consents?format=csv");

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("text/csv;charset=utf-8", response.headers().firstValue("Content-Type").orElse("")
        .replace(" ", "").toLowerCase());
    assertTrue(response.headers().firstValue("Content-Disposition").orElse("")
        .matches("attachment; filename=\"consents-\\d{8}T\\d{6}Z\\.csv\""),
        response.headers().firstValue("Content-Disposition").orElse(""));
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    List<List<String>> records = csv(response.body());
    assertEquals(List.of("seq", "time", "subject_key", "address", "channel", "purpose", "action", "legal_basis",
        "actor", "lead_id", "form_id", "wording_id", "wording_sha256", "ip", "user_agent", "page_url",
        "mail_message_id", "hash"), records.get(0));
    assertEquals(2, records.size());
    Map<String, String> row = byHeader(records, 1);
    assertEquals("'=cmd|' /C calc'!A0", row.get("user_agent"));
    assertEquals("'=1+1@evil.example", row.get("address"));
    assertEquals("'@SUM(1+1)", row.get("page_url"));
    assertEquals(leadId, row.get("lead_id"));
    assertEquals("requested", row.get("action"));
    assertEquals("127.0.0.1", row.get("ip"));
    assertEquals(sha256(WORDING), row.get("wording_sha256"));
    assertTrue(row.get("time").matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"), row.get("time"));
    for (List<String> record : records) {
      for (String cell : record) {
        assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, "a formula cell: " + cell);
      }
    }
  }

  @Test
  void jsonAndNdjsonExportsSelectByChannelPurposeFormAndTime() throws Exception {
    signUp(Map.of("lastName", "Hopper", "email", "grace@example.com", "newsletterOptIn", "on",
        "phone", "+49 30 1234567", "callOptIn", "on"), "Mozilla/5.0 (test)", "https://www.example.de/kontakt");
    signUp("ada@example.de");

    HttpResponse<String> all = compliance("/api/consents");
    assertEquals(200, all.statusCode(), all.body());
    assertEquals("application/json", all.headers().firstValue("Content-Type").orElse(""));
    JsonNode array = JSON.readTree(all.body());
    assertEquals(3, array.size());
    assertEquals(List.of("email", "phone", "email"), List.of(array.get(0).get("channel").asText(),
        array.get(1).get("channel").asText(), array.get(2).get("channel").asText()));
    assertEquals("grace@example.com", array.get(0).get("address").asText());
    assertEquals("+49 30 1234567", array.get(1).get("address").asText());
    assertEquals("requested", array.get(1).get("action").asText(), "phone consent waits for its SMS confirmation");

    HttpResponse<String> ndjson = compliance("/api/consents?format=ndjson&channel=email&purpose=newsletter"
        + "&form=contact");
    assertEquals("application/x-ndjson", ndjson.headers().firstValue("Content-Type").orElse(""));
    String[] lines = ndjson.body().split("\n");
    assertEquals(2, lines.length, ndjson.body());
    assertEquals(array.get(0), JSON.readTree(lines[0]));
    assertEquals(array.get(2), JSON.readTree(lines[1]));

    assertEquals(1, JSON.readTree(compliance("/api/consents?channel=phone").body()).size());
    assertEquals(0, JSON.readTree(compliance("/api/consents?purpose=sales-calls&channel=email").body()).size());
    String third = array.get(2).get("time").asText();
    assertEquals(1, JSON.readTree(compliance("/api/consents?from=" + q(third)).body()).size());
    assertEquals(0, JSON.readTree(compliance("/api/consents?from=2020-01-01&to=2021-01-01T00:00:00%2B01:00")
        .body()).size());
  }

  @Test
  void eachBadFilterIsRefusedWith400NamingTheParameterAndNothingIsExported() throws Exception {
    signUp("ada@example.de");
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("from", "from=yesterday");
    bad.put("to", "to=2026-02-30");
    bad.put("from ", "from=2030-01-01&to=2029-01-01");
    bad.put("channel", "channel=fax");
    bad.put("purpose", "purpose=sweepstakes");
    bad.put("form", "form=landing-page");
    bad.put("format", "format=xlsx");
    bad.put("purpose ", "purpose=" + "x".repeat(201));
    bad.put("purpse", "purpse=newsletter");
    for (Map.Entry<String, String> query : bad.entrySet()) {
      String parameter = query.getKey().strip();
      HttpResponse<String> response = compliance("/api/consents?" + query.getValue());
      assertEquals(400, response.statusCode(), query.getValue());
      assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
      JsonNode problem = JSON.readTree(response.body());
      assertEquals(parameter, problem.get("errors").get(0).get("field").asText(), response.body());
      assertTrue(problem.get("detail").asText().startsWith(parameter + ":"), response.body());
      assertFalse(response.headers().firstValue("Content-Disposition").isPresent());
    }
    assertEquals(0, rows.count("audit_log"), "nothing was exported");
  }

  @Test
  void theProofShowsWordingHashConfirmationMailAndClickAsJsonAndAsAPrintablePage() throws Exception {
    String leadId = signUp(Map.of("lastName", "Lovelace", "email", "ada@example.de", "newsletterOptIn", "on"),
        "<script>alert('signed up')</script>", "https://www.example.de/kontakt?a=1&b=2");
    MimeMessage mail = confirmByMail("ada@example.de", "Click/1.0 (mail client)");

    HttpResponse<String> json = compliance("/api/subjects/proof?email=Ada%40Example.de");

    assertEquals(200, json.statusCode(), json.body());
    JsonNode proof = JSON.readTree(json.body());
    JsonNode consent = proof.get("consents").get(0);
    assertEquals("confirmed", consent.get("status").asText());
    assertEquals("consent-doi", consent.get("legalBasis").asText());
    JsonNode requested = consent.get("events").get(0);
    JsonNode confirmed = consent.get("events").get(1);
    assertEquals(leadId, requested.get("leadId").asText());
    assertEquals("<script>alert('signed up')</script>", requested.get("evidence").get("userAgent").asText());
    assertEquals("https://www.example.de/kontakt?a=1&b=2", requested.get("evidence").get("pageUrl").asText());
    assertEquals(mail.getMessageID(), requested.get("evidence").get("mailMessageId").asText());
    assertEquals("confirmed", confirmed.get("action").asText());
    assertEquals("Click/1.0 (mail client)", confirmed.get("evidence").get("userAgent").asText());
    assertEquals(mail.getMessageID(), confirmed.get("evidence").get("mailMessageId").asText());
    JsonNode wording = proof.get("wordings").get(0);
    assertEquals(WORDING, wording.get("text").asText());
    assertEquals(sha256(WORDING), wording.get("sha256").asText());
    assertTrue(wording.get("matchesEvidence").asBoolean());
    JsonNode request = proof.get("doiRequests").get(0);
    assertEquals(mail.getMessageID(), request.get("messageId").asText());
    assertEquals(confirmed.get("time").asText(), request.get("confirmedAt").asText());

    for (HttpResponse<String> page : List.of(compliance("/api/subjects/proof?email=ada%40example.de",
        "Accept", "text/html,application/xhtml+xml"), compliance("/api/subjects/proof?email=ada%40example.de"
        + "&format=html"))) {
      assertEquals(200, page.statusCode(), page.body());
      assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
      assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
      String html = page.body();
      assertTrue(html.contains(WORDING), "the wording text");
      assertTrue(html.contains(sha256(WORDING)), "its hash");
      assertTrue(html.contains(mail.getMessageID().replace("<", "&lt;").replace(">", "&gt;")), "the mail id");
      assertTrue(html.contains("Click/1.0 (mail client)"), "the confirmation click");
      assertTrue(html.contains("&lt;script&gt;alert(&#39;signed up&#39;)&lt;/script&gt;"), "escaped evidence");
      assertFalse(html.contains("<script"), "no markup from evidence");
      assertTrue(html.contains("kontakt?a=1&amp;b=2"));
    }
    assertEquals("application/json", compliance("/api/subjects/proof?email=ada%40example.de&format=json",
        "Accept", "text/html").headers().firstValue("Content-Type").orElse(""), "format wins over Accept");

    assertEquals(404, compliance("/api/subjects/proof?email=nobody%40example.org").statusCode());
    assertEquals(400, compliance("/api/subjects/proof").statusCode());
    assertEquals(400, compliance("/api/subjects/proof?email=ada%40example.de&format=pdf").statusCode());
  }

  @Test
  void afterErasureOnlyTheRetainedProofIsLeftTheLedgerVerifiesAndEverythingWasAudited() throws Exception {
    String leadId = signUp(Map.of("lastName", "Lovelace", "email", "ada@example.de", "newsletterOptIn", "on",
        "phone", "+49 30 7654321", "message", "Please call me about widgets"), "Mozilla/5.0 (test)",
        "https://www.example.de/kontakt");
    confirmByMail("ada@example.de", "Click/1.0");
    Eventually.await("the lead is delivered", Duration.ofSeconds(10),
        () -> rows.outboxStatus(leadId).equals("delivered"));

    HttpResponse<String> before = compliance("/api/subjects/export?email=ada%40example.de");
    assertEquals(200, before.statusCode(), before.body());
    JsonNode lead = JSON.readTree(before.body()).get("leads").get(0);
    assertEquals(leadId, lead.get("leadId").asText());
    assertEquals("Please call me about widgets", lead.get("fields").get("message").asText());
    assertEquals("TYPED", lead.get("provenance").get("message").get("source").asText());
    assertTrue(lead.get("submission").get("body").asText().contains("widgets"));
    assertEquals("delivered", lead.get("delivery").get("status").asText());

    assertEquals(400, erase("{\"email\":\"ada@example.de\",\"phone\":\"+49 30 7654321\"}", COMPLIANCE)
        .statusCode());
    assertEquals(400, erase("{\"mail\":\"ada@example.de\"}", COMPLIANCE).statusCode());
    assertEquals(400, erase("not json", COMPLIANCE).statusCode());
    assertEquals(404, erase("{\"email\":\"nobody@example.org\"}", COMPLIANCE).statusCode());
    HttpResponse<String> erased = erase("{\"email\":\"Ada@example.de\"}", COMPLIANCE);

    assertEquals(200, erased.statusCode(), erased.body());
    JsonNode result = JSON.readTree(erased.body());
    int year = LocalDate.now(ZoneOffset.UTC).getYear();
    assertTrue(result.get("proof").get("retained").asBoolean());
    assertEquals((year + 4) + "-01-01T00:00:00Z", result.get("proof").get("retainedUntil").asText(),
        "3 years after the end of the year (BGB §195, §199)");
    assertFalse(result.get("proof").get("evidenceShredded").asBoolean());
    assertEquals(leadId, result.get("leads").get(0).get("leadId").asText());
    assertEquals("delivered", result.get("leads").get(0).get("delivery").asText(), "erase it in the CRM, too");

    assertEquals("{}", single("SELECT fields FROM leads WHERE id = ?", leadId));
    assertEquals("", single("SELECT s.body FROM submissions s JOIN leads l ON l.submission_id = s.id"
        + " WHERE l.id = ?", leadId));
    assertTrue(single("SELECT erased_at FROM subject_keys WHERE erased_at IS NOT NULL AND subject_key = ?",
        result.get("subjectKey").asText()).matches("\\d+"));

    JsonNode after = JSON.readTree(compliance("/api/subjects/export?email=ada%40example.de").body());
    assertEquals(0, after.get("leads").size(), "no lead data is left");
    assertFalse(after.get("erasedAt").isNull());
    assertEquals("confirmed", after.get("consents").get(0).get("status").asText());
    assertEquals("ada@example.de", after.get("consents").get(0).get("events").get(0).get("evidence")
        .get("address").asText(), "the proof is retained");
    assertFalse(after.toString().contains("Please call me"), "nothing of the lead");
    assertFalse(after.toString().contains("7654321"), "nor its phone number");

    HttpResponse<String> verify = compliance("/api/consents/verify");
    assertEquals(200, verify.statusCode(), verify.body());
    assertEquals("intact", JSON.readTree(verify.body()).get("status").asText());

    List<JsonNode> audit = auditEntries();
    Map<String, Long> actions = new java.util.TreeMap<>();
    audit.forEach(e -> actions.merge(e.get("action").asText(), 1L, Long::sum));
    assertEquals(Map.of("subjects.export", 2L, "subjects.erase", 2L, "audit.list", 1L), actions,
        "each export and each erasure that named a person, found or not, is audited; refused requests are not");
    assertTrue(audit.stream().allMatch(e -> e.get("principal").asText().equals("compliance-officer")));
    assertTrue(audit.stream().noneMatch(e -> e.get("detail").asText().contains("@")), "never an address");
    assertTrue(audit.stream().anyMatch(e -> e.get("action").asText().equals("subjects.erase")
        && e.get("detail").asText().equals("subject=email:" + result.get("subjectKey").asText())));
  }
}
