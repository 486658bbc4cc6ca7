package org.leadgate.web.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.web.testing.EmbeddedGateway;
import org.leadgate.testing.Eventually;
import org.leadgate.web.testing.Http;
import org.leadgate.web.testing.StoredRows;
import org.leadgate.web.testing.TestConfig;

/**
 * Consent end to end: a real SMTP server (GreenMail) receives the double opt-in mail, the links in it confirm and
 * withdraw; with no SMS gateway configured the confirmation SMS for phone consent is written to
 * {@code <dataDirectory>/sms}, and its link confirms the number; the CRM (WireMock) only ever sees permissions the
 * ledger can prove.
 */
class ConsentIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = "admin-token-0123456789abcdef";
  private static final String COMPLIANCE = "compliance-token-0123456789";
  private static final Pattern LINK = Pattern.compile(Pattern.quote(TestConfig.BASE_URL) + "(/consent/\\w+/[\\w-]+)");

  @RegisterExtension
  static WireMockExtension crm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir
  Path directory;

  private EmbeddedGateway gateway;
  private StoredRows rows;

  /** Where browsers go after a post: an external page by default, which gets no hints appended. */
  private String thankYouUrl = "https://www.example.de/danke";

  private void start(String audience) throws Exception {
    start(audience, "");
  }

  private void start(String audience, String formLines) throws Exception {
    crm.stubFor(post("/leads").willReturn(aResponse().withStatus(200)));
    TestConfig config = TestConfig.sqlite(directory).crmAt(crm.baseUrl() + "/leads").withFormLines(formLines)
        .withConsent(smtp.getSmtp().getPort(), audience).thankYouUrl(thankYouUrl)
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

  private JsonNode signUp(String json) throws Exception {
    HttpResponse<String> response = Http.post(gateway.uri("/forms/contact"), "application/json", json,
        "Accept", "application/json", "User-Agent", "Mozilla/5.0 (test)", "Referer", "https://www.example.de/kontakt");
    assertEquals(202, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  /** The lead JSON of every revision the CRM received for a lead, oldest first. */
  private static List<JsonNode> crmViews(String leadId) {
    return crm.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getHeader("Idempotency-Key").startsWith(leadId))
        .sorted(java.util.Comparator.comparingInt(e -> revision(e.getRequest().getHeader("Idempotency-Key"))))
        .map(e -> {
          try {
            return JSON.readTree(e.getRequest().getBodyAsString());
          } catch (Exception ex) {
            throw new IllegalStateException(ex);
          }
        })
        .toList();
  }

  private static int revision(String idempotencyKey) {
    int mark = idempotencyKey.lastIndexOf("-r");
    return mark < 0 || idempotencyKey.length() - mark > 6 ? 0 : Integer.parseInt(idempotencyKey.substring(mark + 2));
  }

  private static JsonNode permission(JsonNode lead, String channel, String purpose) {
    return lead.path("consent").path(channel).path(purpose);
  }

  /** The mails received for one address (the SMTP server is shared by the tests of this class). */
  private static List<MimeMessage> mailsTo(String address) {
    return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equals(address);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private static MimeMessage awaitMailTo(String address) throws Exception {
    Eventually.await("a mail to " + address, Duration.ofSeconds(10), () -> !mailsTo(address).isEmpty());
    return mailsTo(address).get(0);
  }

  private static List<String> links(MimeMessage mail) {
    Matcher matcher = LINK.matcher(GreenMailUtil.getBody(mail).replace("=\r\n", ""));
    List<String> links = new java.util.ArrayList<>();
    while (matcher.find()) {
      links.add(matcher.group(1));
    }
    return links;
  }

  private URI at(String path) {
    return gateway.uri(path);
  }

  /** The texts of the SMS written to the data directory for a number, oldest first. */
  private List<String> smsTo(String number) throws Exception {
    Path dir = directory.resolve("sms");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> texts = new java.util.ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
        String content = Files.readString(file);
        if (content.startsWith("To: " + number + "\n")) {
          texts.add(content);
        }
      }
      return texts;
    }
  }

  /** Waits for the confirmation SMS to a number and answers the path of its link. */
  private String awaitSmsLink(String number) throws Exception {
    Eventually.await("an SMS to " + number, Duration.ofSeconds(10), () -> !smsTo(number).isEmpty());
    Matcher link = LINK.matcher(smsTo(number).get(0));
    assertTrue(link.find(), smsTo(number).get(0));
    return link.group(1);
  }

  @Test
  void aSignUpIsConfirmedByDoubleOptInAndOnlyThenPermittedInTheCrm() throws Exception {
    start("b2c");
    JsonNode accepted = signUp("{\"lastName\":\"Lovelace\",\"email\":\"ada@example.de\",\"newsletterOptIn\":\"on\"}");
    String leadId = accepted.get("leadId").asText();
    assertEquals("confirmation-mail-sent", accepted.get("consent").get(0).get("status").asText());

    MimeMessage mail = awaitMailTo("ada@example.de");
    String withdrawLink = links(mail).stream().filter(l -> l.contains("/withdraw/")).findFirst().orElseThrow();
    assertEquals("<" + TestConfig.BASE_URL + withdrawLink + ">", mail.getHeader("List-Unsubscribe", null));
    assertEquals("List-Unsubscribe=One-Click", mail.getHeader("List-Unsubscribe-Post", null));
    String confirmLink = links(mail).stream().filter(l -> l.contains("/confirm/")).findFirst().orElseThrow();

    Eventually.await("the CRM has the lead", Duration.ofSeconds(10), () -> crmViews(leadId).size() == 1);
    JsonNode before = permission(crmViews(leadId).get(0), "email", "newsletter");
    assertFalse(before.get("permitted").asBoolean());
    assertEquals("requested", before.get("status").asText());

    HttpResponse<String> page = Http.get(at(confirmLink));
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<form method=\"post\"><button type=\"submit\">Confirm</button></form>"));

    HttpResponse<String> confirmed = Http.post(at(confirmLink), "application/x-www-form-urlencoded", "");
    assertEquals(200, confirmed.statusCode());
    Eventually.await("the CRM gets the update", Duration.ofSeconds(10), () -> crmViews(leadId).size() == 2);
    JsonNode after = permission(crmViews(leadId).get(1), "email", "newsletter");
    assertTrue(after.get("permitted").asBoolean());
    assertEquals("confirmed", after.get("status").asText());
    assertEquals("consent-doi", after.get("basis").asText());

    assertEquals(409, Http.post(at(confirmLink), "application/x-www-form-urlencoded", "").statusCode(),
        "a replayed confirmation changes nothing");
    JsonNode again = signUp("{\"lastName\":\"Lovelace\",\"email\":\"Ada@Example.de\",\"newsletterOptIn\":\"on\"}");
    assertEquals("already-confirmed", again.get("consent").get(0).get("status").asText());
    assertEquals(1, mailsTo("ada@example.de").size(), "no second mail to a confirmed address");
  }

  @Test
  void aWithdrawalByLinkOrApiIsWrittenToTheCrmAndNoResubmissionWithoutNewDoiUndoesIt() throws Exception {
    start("b2c");
    String leadId = signUp("{\"lastName\":\"Hopper\",\"email\":\"grace@example.com\",\"newsletterOptIn\":\"on\","
        + "\"phone\":\"+49 30 1234567\",\"callOptIn\":\"on\"}").get("leadId").asText();
    List<String> links = links(awaitMailTo("grace@example.com"));
    Http.post(at(links.stream().filter(l -> l.contains("/confirm/")).findFirst().orElseThrow()),
        "application/x-www-form-urlencoded", "");
    Http.post(at(awaitSmsLink("+49301234567")), "application/x-www-form-urlencoded", "");
    Eventually.await("confirmed in the CRM", Duration.ofSeconds(10), () -> crmViews(leadId).size() >= 2
        && permission(crmViews(leadId).get(crmViews(leadId).size() - 1), "email", "newsletter")
            .path("permitted").asBoolean());

    HttpResponse<String> oneClick = Http.post(at(links.stream().filter(l -> l.contains("/withdraw/")).findFirst()
        .orElseThrow()), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
    assertEquals(200, oneClick.statusCode());
    Eventually.await("withdrawn in the CRM", Duration.ofSeconds(10), () -> "withdrawn".equals(
        permission(crmViews(leadId).get(crmViews(leadId).size() - 1), "email", "newsletter")
            .path("status").asText()));

    int deliveredBefore = crmViews(leadId).size();
    JsonNode resubmitted = signUp("{\"lastName\":\"Hopper\",\"email\":\"grace@example.com\","
        + "\"newsletterOptIn\":\"on\"}");
    String second = resubmitted.get("leadId").asText();
    assertEquals("confirmation-mail-sent-after-withdrawal", resubmitted.get("consent").get(0).get("status").asText());
    Eventually.await("the re-submission, merged into the first lead, reaches the CRM as that lead",
        Duration.ofSeconds(10), () -> crmViews(leadId).size() > deliveredBefore);
    assertTrue(crmViews(second).isEmpty(), "one CRM record per person");
    assertFalse(permission(crmViews(leadId).get(crmViews(leadId).size() - 1), "email", "newsletter")
        .get("permitted").asBoolean(), "a re-submission without a new confirmation does not re-permit");

    assertTrue(permission(crmViews(leadId).get(crmViews(leadId).size() - 1), "phone", "sales-calls")
        .get("permitted").asBoolean(), "phone consent, verified by the link in the SMS");
    HttpResponse<String> objection = Http.post(at("/api/consents/withdraw"), "application/json",
        "{\"channel\":\"phone\",\"phone\":\"+49 30 1234567\",\"purpose\":\"sales-calls\",\"objection\":true}",
        "Authorization", "Bearer " + ADMIN);
    assertEquals(200, objection.statusCode(), objection.body());
    Eventually.await("the objection reaches the CRM", Duration.ofSeconds(10), () -> "objected".equals(
        permission(crmViews(leadId).get(crmViews(leadId).size() - 1), "phone", "sales-calls")
            .path("status").asText()));
  }

  @Test
  void aBrowserThatTickedThePhoneBoxIsToldToCheckItsPhone() throws Exception {
    thankYouUrl = "/thanks";
    start("b2c");

    HttpResponse<String> response = Http.postForm(gateway.uri("/forms/contact"), Map.of("lastName", "Hamilton",
        "email", "margaret@example.com", "phone", "+49 40 5550101", "callOptIn", "on"));

    assertEquals(303, response.statusCode());
    String location = response.headers().firstValue("Location").orElseThrow();
    assertTrue(location.endsWith("/thanks?sms=check-phone"), location);
    assertTrue(Http.get(gateway.uri("/thanks?sms=check-phone")).body().contains("Please check your phone"));
  }

  @Test
  void aTickedPhoneBoxIsConfirmedByTheLinkInTheSmsAndOnlyThenAreCallsPermittedInTheCrm() throws Exception {
    start("b2c");
    JsonNode accepted = signUp("{\"lastName\":\"Hamilton\",\"email\":\"margaret@example.com\","
        + "\"phone\":\"+49 (40) 555-0101\",\"callOptIn\":\"on\"}");
    String leadId = accepted.get("leadId").asText();
    assertEquals("phone", accepted.get("consent").get(0).get("channel").asText());
    assertEquals("confirmation-sms-sent", accepted.get("consent").get(0).get("status").asText());

    String confirmLink = awaitSmsLink("+49405550101");
    assertTrue(smsTo("+49405550101").get(0).contains("calls from ACME sales about widgets"));
    Eventually.await("the CRM has the lead", Duration.ofSeconds(10), () -> crmViews(leadId).size() == 1);
    JsonNode before = permission(crmViews(leadId).get(0), "phone", "sales-calls");
    assertFalse(before.get("permitted").asBoolean(), "a ticked box alone permits no calls");
    assertEquals("requested", before.get("status").asText());

    HttpResponse<String> page = Http.get(at(confirmLink), "User-Agent", "LinkPreview/1.0");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("calls from ACME sales about widgets"), page.body());
    assertTrue(page.body().contains("<form method=\"post\"><button type=\"submit\">Confirm</button></form>"));
    assertEquals(1, crmViews(leadId).size(), "opening the link (a link preview) changes nothing");

    HttpResponse<String> confirmed = Http.post(at(confirmLink), "application/x-www-form-urlencoded", "",
        "User-Agent", "Mozilla/5.0 (Android 14; Mobile)");
    assertEquals(200, confirmed.statusCode());
    assertFalse(confirmed.body().contains("the link in the mail"), confirmed.body());
    Eventually.await("the CRM gets the update", Duration.ofSeconds(10), () -> crmViews(leadId).size() == 2);
    JsonNode after = permission(crmViews(leadId).get(1), "phone", "sales-calls");
    assertTrue(after.get("permitted").asBoolean());
    assertEquals("1", rows.value("SELECT COUNT(*) FROM lead_events WHERE lead_id = ? AND type = 'consent-confirmed'",
        leadId), "the confirmation is a behaviour event for scoring");
    assertEquals("confirmed", after.get("status").asText());
    assertEquals("consent-documented", after.get("basis").asText());
    assertFalse(permission(crmViews(leadId).get(1), "email", "newsletter").get("permitted").asBoolean(),
        "a phone verification proves nothing about email");
    assertEquals(409, Http.post(at(confirmLink), "application/x-www-form-urlencoded", "").statusCode(),
        "the link works once");
  }

  @Test
  void businessCallsRestOnPresumedConsentOnlyForABusinessAddressOnAB2bForm() throws Exception {
    start("b2b");
    String business = signUp("{\"lastName\":\"Meitner\",\"email\":\"lise@physik.example\",\"phone\":\"+43 1 234567\"}")
        .get("leadId").asText();
    String freemail = signUp("{\"lastName\":\"Noether\",\"email\":\"emmy@gmx.de\",\"phone\":\"+49 551 12345\"}")
        .get("leadId").asText();

    Eventually.await("both leads in the CRM", Duration.ofSeconds(10),
        () -> !crmViews(business).isEmpty() && !crmViews(freemail).isEmpty());
    JsonNode presumed = permission(crmViews(business).get(0), "phone", "sales-calls");
    assertTrue(presumed.get("permitted").asBoolean());
    assertEquals("presumed-b2b", presumed.get("basis").asText());
    assertFalse(permission(crmViews(freemail).get(0), "phone", "sales-calls").get("permitted").asBoolean());
    assertFalse(permission(crmViews(business).get(0), "email", "newsletter").get("permitted").asBoolean(),
        "an unticked box records no consent");
  }

  @Test
  void theLedgerVerifiesAndReportsTheFirstEventChangedInTheDatabase() throws Exception {
    start("b2c");
    signUp("{\"lastName\":\"Curie\",\"email\":\"marie@example.fr\",\"newsletterOptIn\":\"on\"}");
    signUp("{\"lastName\":\"Franklin\",\"email\":\"rosalind@example.co.uk\",\"newsletterOptIn\":\"on\"}");

    assertEquals(401, Http.get(at("/api/consents/verify")).statusCode());
    assertEquals(403, Http.get(at("/api/consents/verify"), "Authorization", "Bearer " + ADMIN).statusCode());
    HttpResponse<String> intact = Http.get(at("/api/consents/verify"), "Authorization", "Bearer " + COMPLIANCE);
    assertEquals(200, intact.statusCode());
    assertEquals(2, JSON.readTree(intact.body()).get("events").asInt());

    try (Connection connection = rows.connect(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE consent_events SET purpose = 'product-news' WHERE seq = 1");
    }
    HttpResponse<String> broken = Http.get(at("/api/consents/verify"), "Authorization", "Bearer " + COMPLIANCE);
    assertEquals(409, broken.statusCode());
    JsonNode report = JSON.readTree(broken.body());
    assertEquals(1, report.get("seq").asInt());
    assertTrue(report.get("problem").asText().contains("changed"));
  }

  @Test
  void confirmationMailsStartedFromOneIpAreLimitedPerHourAgainstListBombing() throws Exception {
    start("b2c");
    List<String> replies = new java.util.ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      replies.add(signUp("{\"lastName\":\"Victim " + i + "\",\"email\":\"victim" + i + "@example.org\","
          + "\"newsletterOptIn\":\"on\"}").get("consent").get(0).get("status").asText());
    }

    assertEquals(List.of("confirmation-mail-sent", "confirmation-mail-sent", "confirmation-mail-sent",
        "rate-limited"), replies);
    Eventually.await("three mails", Duration.ofSeconds(10), () -> mailsTo("victim3@example.org").size() == 1);
    assertTrue(mailsTo("victim4@example.org").isEmpty());
  }

  @Test
  void aHeaderInjectionAttemptInTheAddressIsRefusedAndNoMailIsSent() throws Exception {
    start("b2c");
    HttpResponse<String> response = Http.post(gateway.uri("/forms/contact"), "application/json",
        "{\"lastName\":\"Mallory\",\"email\":\"mallory@example.org\\r\\nBcc: all@example.org\","
            + "\"newsletterOptIn\":\"on\"}", "Accept", "application/json");

    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("\"field\":\"email\""));
    assertEquals(0, rows.count("consent_events"));
    assertEquals(0, smtp.getReceivedMessages().length);
  }

  @Test
  void theExistingCustomerExceptionNeedsASaleAndEndsForGoodWithAnObjection() throws Exception {
    start("b2c");
    String leadId = signUp("{\"lastName\":\"Turing\",\"email\":\"alan@example.co.uk\"}").get("leadId").asText();
    assertEquals(400, Http.post(at("/api/consents/grant"), "application/json",
        "{\"email\":\"alan@example.co.uk\",\"purpose\":\"newsletter\",\"basis\":\"existing-customer\"}",
        "Authorization", "Bearer " + ADMIN).statusCode(), "no sale reference");
    assertEquals(400, Http.post(at("/api/consents/grant"), "application/json",
        "{\"email\":\"alan@example.co.uk\",\"purpose\":\"newsletter\",\"basis\":\"consent-doi\","
            + "\"saleReference\":\"order-1\"}", "Authorization", "Bearer " + ADMIN).statusCode(),
        "a double opt-in cannot be granted by API");

    JsonNode granted = JSON.readTree(Http.post(at("/api/consents/grant"), "application/json",
        "{\"email\":\"alan@example.co.uk\",\"purpose\":\"newsletter\",\"basis\":\"existing-customer\","
            + "\"saleReference\":\"order-4711\"}", "Authorization", "Bearer " + ADMIN).body());
    assertEquals("existing-customer", granted.get("basis").asText());

    Http.post(at("/api/consents/withdraw"), "application/json",
        "{\"email\":\"alan@example.co.uk\",\"purpose\":\"newsletter\",\"objection\":true}",
        "Authorization", "Bearer " + ADMIN);
    Http.post(at("/api/consents/grant"), "application/json",
        "{\"email\":\"alan@example.co.uk\",\"purpose\":\"newsletter\",\"basis\":\"existing-customer\","
            + "\"saleReference\":\"order-4712\"}", "Authorization", "Bearer " + ADMIN);
    signUp("{\"lastName\":\"Turing\",\"email\":\"alan@example.co.uk\"}");

    Eventually.await("the objection stands in the CRM", Duration.ofSeconds(10), () -> {
      List<JsonNode> views = crmViews(leadId);
      return !views.isEmpty() && "objected".equals(
          permission(views.get(views.size() - 1), "email", "newsletter").path("status").asText());
    });
  }

  @Test
  void belowTheFormsMinimumAgeNoConsentIsRecorded() throws Exception {
    start("b2c", "    minimumAge: 16\n    birthDate" + "Field: birthDate\n");
    java.time.LocalDate fifteen = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusYears(15);
    JsonNode child = signUp("{\"lastName\":\"Young\",\"email\":\"young@example.de\",\"birthDate\":\""
        + fifteen + "\",\"newsletterOptIn\":\"on\"}");

    assertEquals("parental-consent-required", child.get("consent").get(0).get("status").asText());
    assertEquals(0, rows.count("consent_events"));
    JsonNode adult = signUp("{\"lastName\":\"Grown\",\"email\":\"grown@example.de\",\"birthDate\":\""
        + fifteen.minusYears(5) + "\",\"newsletterOptIn\":\"on\"}");
    assertEquals("confirmation-mail-sent", adult.get("consent").get(0).get("status").asText());
  }

  @Test
  void forgedAndUnknownLinksAreRefusedAndChangeNothing() throws Exception {
    start("b2c");
    assertEquals(404, Http.get(at("/consent/confirm/not-a-token")).statusCode());
    assertEquals(404, Http.post(at("/consent/confirm/" + "A".repeat(43)), "application/x-www-form-urlencoded", "")
        .statusCode());
    assertEquals(404, Http.post(at("/consent/withdraw/" + "B".repeat(43)), "application/x-www-form-urlencoded", "")
        .statusCode());
    assertEquals(0, rows.count("consent_events"));
  }
}
