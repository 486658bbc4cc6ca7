package org.leadgate.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.config.ConfigException;
import org.leadgate.config.FormConfig;
import org.leadgate.consent.ledger.ConsentEvent;
import org.leadgate.consent.ledger.Verification;
import org.leadgate.consent.mail.DoiMailTemplate;
import org.leadgate.consent.mail.MailSettings;
import org.leadgate.consent.retention.RetentionJob;
import org.leadgate.consent.retention.RetentionReport;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.Outcome;
import org.leadgate.testing.MutableClock;

/**
 * The consent lines of {@code docs/law.md}, one test (or a few) per numbered line, each named after its line and
 * driving the real gateway: SQLite in a temporary directory, confirmation mails as {@code .eml} files, the
 * {@code log} CRM target, and an injected clock for everything that depends on time.
 *
 * <p>Lines the consent module does not cover are tested where they are built: 18 access and export and 23 security
 * of exports in the compliance tests; 20 (enrichment sources recorded per field: the provenance the CRM receives),
 * 21 (the client address cut to its network once looked up, erased with the lead) and 22 (each provider's region
 * in health) in {@code EnrichmentContract}, {@code EnrichmentIT} and {@code ComplianceServiceContract}. Tests marked
 * {@code @Disabled("BUG: …")} state what the law asks and the product does not do yet.
 */
class LawChecklistTest {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final String NEWSLETTER = "newsletter";
  private static final String SALES_CALLS = "sales-calls";
  private static final String SERVICE_CALLS = "service-calls";

  @TempDir
  Path directory;

  private final MutableClock clock = new MutableClock(T0);
  private ConsentFixture fx;

  @BeforeEach
  void fixture() {
    fx = new ConsentFixture(directory, clock);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  // ---------------------------------------------------------------------------------------------- UWG §7 channels

  @Test
  void line01_emailAdvertisingWithoutProvenConsentIsNotPermitted() throws Exception {
    fx.start();

    Outcome.Accepted noBox = fx.submit("contact", "ada@example.de", null);
    Outcome.Accepted boxOnly = fx.submit("contact", "grace@example.de", null, "newsletterOptIn");

    Permissions.Permission none = fx.permission(noBox.leadId(), Channel.EMAIL, NEWSLETTER);
    assertEquals(ConsentStatus.NONE, none.status());
    assertFalse(none.permitted());
    Permissions.Permission unconfirmed = fx.permission(boxOnly.leadId(), Channel.EMAIL, NEWSLETTER);
    assertEquals(ConsentStatus.REQUESTED, unconfirmed.status());
    assertFalse(unconfirmed.permitted(), "a ticked box without the confirmation click proves nothing");
    // written to the CRM with email marketing not permitted
    fx.awaitCrm(noBox.leadId(), lead -> lead.at("/consent/email/newsletter/permitted").isBoolean()
        && !lead.at("/consent/email/newsletter/permitted").asBoolean());
    fx.awaitCrm(boxOnly.leadId(), lead -> "requested".equals(lead.at("/consent/email/newsletter/status").asText())
        && !lead.at("/consent/email/newsletter/permitted").asBoolean());
  }

  @Test
  void line02_callsToAConsumerWithoutPhoneConsentAreNotPermitted() throws Exception {
    fx.start();

    // a business-looking address on a consumer form: still a consumer, and no box ticked for calls
    Outcome.Accepted lead = fx.submit("contact", "ada@mueller-maschinenbau.de", "+49 30 1234567");

    for (String purpose : List.of(SALES_CALLS, SERVICE_CALLS)) {
      Permissions.Permission calls = fx.permission(lead.leadId(), Channel.PHONE, purpose);
      assertEquals(ConsentStatus.NONE, calls.status(), purpose);
      assertFalse(calls.permitted(), purpose);
    }
    assertEquals(List.of(), fx.events(Subject.phone("+49 30 1234567")));
    fx.awaitCrm(lead.leadId(), crm -> !crm.at("/consent/phone/sales-calls/permitted").asBoolean(true));
  }

  @Test
  void line03_callsToABusinessMayRestOnPresumedConsentRecordedWithItsBasis() throws Exception {
    fx.start();

    Outcome.Accepted lead = fx.submit("business", "einkauf@mueller-maschinenbau.de", "+49 89 7654321");

    Permissions.Permission calls = fx.permission(lead.leadId(), Channel.PHONE, SALES_CALLS);
    assertTrue(calls.permitted());
    assertEquals(ConsentStatus.GRANTED, calls.status());
    assertEquals(LegalBasis.PRESUMED_B2B, calls.basis());
    List<ConsentEvent> events = fx.events(Subject.phone("+49 89 7654321"));
    assertEquals(1, events.size());
    assertEquals(Action.GRANTED, events.get(0).action());
    assertEquals(LegalBasis.PRESUMED_B2B, events.get(0).basis());
    assertEquals(Actor.system("presumed-b2b"), events.get(0).actor());
    assertEquals("business", events.get(0).evidence().orElseThrow().items().get(Evidence.FORM_ID));
    // configurable per purpose: service calls are not configured for presumed consent
    Permissions.Permission service = fx.permission(lead.leadId(), Channel.PHONE, SERVICE_CALLS);
    assertEquals(ConsentStatus.NONE, service.status());
    assertFalse(service.permitted());
    fx.awaitCrm(lead.leadId(), crm -> "presumed-b2b".equals(crm.at("/consent/phone/sales-calls/basis").asText()));
  }

  @Test
  void line03_presumedConsentIsNeverAppliedToFreemailAddresses() throws Exception {
    fx.start();

    Outcome.Accepted gmx = fx.submit("business", "ada.lovelace@gmx.de", "+49 89 7654321");
    Outcome.Accepted webDe = fx.submit("business", "ada.lovelace@WEB.DE", "+49 89 7654322");

    for (Outcome.Accepted lead : List.of(gmx, webDe)) {
      Permissions.Permission calls = fx.permission(lead.leadId(), Channel.PHONE, SALES_CALLS);
      assertEquals(ConsentStatus.NONE, calls.status());
      assertFalse(calls.permitted());
    }
    assertEquals(List.of(), fx.events(Subject.phone("+49 89 7654321")));
  }

  @Test
  void line04_automatedCallsCanNeverRestOnPresumedConsent() {
    fx.replace("presumedB2bPhone: true }", "presumedB2bPhone: true, automatedCalls: true }");

    ConfigException e = assertThrows(ConfigException.class, fx::start);

    assertEquals("consent.purposes[1].presumedB2bPhone", e.key());
  }

  @Test
  void line04_automatedCallsArePermittedOnlyByExpressConsent() throws Exception {
    fx.replace("    - { id: service-calls, description: calls from ACME service about your widgets }",
        "    - { id: service-calls, description: calls from ACME service about your widgets, automatedCalls: true }")
        .start();

    Outcome.Accepted business = fx.submit("business", "einkauf@mueller-maschinenbau.de", "+49 89 7654321");
    String express = fx.callsConfirmed("contact", "ada@example.de", "+49 30 1234567", "serviceCallOptIn");

    assertEquals(ConsentStatus.NONE, fx.permission(business.leadId(), Channel.PHONE, SERVICE_CALLS).status());
    assertTrue(fx.permission(business.leadId(), Channel.PHONE, SALES_CALLS).permitted(), "presumed, for people");
    Permissions.Permission robot = fx.permission(express, Channel.PHONE, SERVICE_CALLS);
    assertTrue(robot.permitted());
    assertEquals(LegalBasis.CONSENT_DOCUMENTED, robot.basis());
  }

  @Test
  void line05_theExistingCustomerExceptionIsRecordedWithItsSaleReference() throws Exception {
    fx.start();
    Outcome.Accepted lead = fx.submit("enquiry", "ada@example.de", null);

    fx.gateway.consent().grantExistingCustomer(Subject.email("ada@example.de"), NEWSLETTER, "SO-4711",
        Actor.admin("shop"));

    Permissions.Permission permission = fx.permission(lead.leadId(), Channel.EMAIL, NEWSLETTER);
    assertTrue(permission.permitted());
    assertEquals(LegalBasis.EXISTING_CUSTOMER, permission.basis());
    ConsentEvent grant = last(fx.events(Subject.email("ada@example.de")));
    assertEquals(Action.GRANTED, grant.action());
    assertEquals(LegalBasis.EXISTING_CUSTOMER, grant.basis());
    assertTrue(grant.evidence().orElseThrow().items().get(Evidence.NOTE).contains("SO-4711"), "sale reference");
    assertEquals(Actor.admin("shop"), grant.actor());
    fx.awaitCrm(lead.leadId(), crm -> "existing-customer".equals(crm.at("/consent/email/newsletter/basis").asText()));
  }

  @Test
  void line05_anObjectionEndsTheExistingCustomerExceptionForGood() throws Exception {
    fx.start();
    Outcome.Accepted lead = fx.submit("enquiry", "ada@example.de", null);
    Subject ada = Subject.email("ada@example.de");
    fx.gateway.consent().grantExistingCustomer(ada, NEWSLETTER, "SO-4711", Actor.admin("shop"));
    fx.gateway.consent().end(ada, Channel.EMAIL, Optional.of(NEWSLETTER), true, Actor.admin("crm-sync"), Map.of());

    clock.advance(Duration.ofDays(90));
    fx.gateway.consent().grantExistingCustomer(ada, NEWSLETTER, "SO-5000", Actor.admin("shop"));

    Permissions.Permission permission = fx.permission(lead.leadId(), Channel.EMAIL, NEWSLETTER);
    assertEquals(ConsentStatus.OBJECTED, permission.status());
    assertFalse(permission.permitted());
  }

  @Test
  void line05_anObjectionIsNotLiftedByAGrantAfterAnUnconfirmedSignUp() throws Exception {
    fx.start();
    Subject ada = Subject.email("ada@example.de");
    fx.gateway.consent().grantExistingCustomer(ada, NEWSLETTER, "SO-4711", Actor.admin("shop"));
    fx.gateway.consent().end(ada, Channel.EMAIL, Optional.of(NEWSLETTER), true, Actor.admin("crm-sync"), Map.of());
    clock.advance(Duration.ofDays(1));
    Outcome.Accepted again = fx.submit("contact", "ada@example.de", null, "newsletterOptIn"); // never confirmed

    clock.advance(Duration.ofDays(1));
    fx.gateway.consent().grantExistingCustomer(ada, NEWSLETTER, "SO-5000", Actor.admin("shop"));

    assertFalse(fx.permission(again.leadId(), Channel.EMAIL, NEWSLETTER).permitted());
  }

  // ------------------------------------------------------------------------------------ proof and documentation

  @Test
  void line06_aTickedEmailBoxIsNoProofOnlyTheConfirmationClickOnTheMailedLinkIs() throws Exception {
    fx.start();

    Outcome.Accepted lead = fx.submit("contact", "ada@example.de", null, "newsletterOptIn");
    assertEquals("confirmation-mail-sent", ConsentFixture.reply(lead, "email", NEWSLETTER));
    assertFalse(fx.permission(lead.leadId(), Channel.EMAIL, NEWSLETTER).permitted());

    ConsentFixture.Mail mail = fx.awaitMail("ada@example.de");
    assertInstanceOf(ConsentService.LinkState.Valid.class, fx.gateway.consent().confirmation(mail.confirmToken()));
    assertFalse(fx.permission(lead.leadId(), Channel.EMAIL, NEWSLETTER).permitted(),
        "looking at the link (a mail scanner) confirms nothing");
    clock.advance(Duration.ofHours(3));
    assertInstanceOf(ConsentService.LinkState.Valid.class,
        fx.gateway.consent().confirm(mail.confirmToken(), ConsentFixture.click()));

    Permissions.Permission confirmed = fx.permission(lead.leadId(), Channel.EMAIL, NEWSLETTER);
    assertTrue(confirmed.permitted());
    assertEquals(ConsentStatus.CONFIRMED, confirmed.status());
    assertEquals(LegalBasis.CONSENT_DOI, confirmed.basis());
    assertInstanceOf(ConsentService.LinkState.AlreadyUsed.class,
        fx.gateway.consent().confirm(mail.confirmToken(), ConsentFixture.click()));
    fx.awaitCrm(lead.leadId(), crm -> crm.at("/consent/email/newsletter/permitted").asBoolean()
        && "consent-doi".equals(crm.at("/consent/email/newsletter/basis").asText()));
  }

  @Test
  void line06_anExpiredConfirmationLinkConfirmsNothing() throws Exception {
    fx.start();
    Outcome.Accepted lead = fx.submit("contact", "ada@example.de", null, "newsletterOptIn");
    ConsentFixture.Mail mail = fx.awaitMail("ada@example.de");

    clock.advance(Duration.ofDays(7).plusMinutes(1)); // consent.doi.tokenValidity defaults to 7 days

    assertInstanceOf(ConsentService.LinkState.Expired.class,
        fx.gateway.consent().confirm(mail.confirmToken(), ConsentFixture.click()));
    assertFalse(fx.permission(lead.leadId(), Channel.EMAIL, NEWSLETTER).permitted());
  }

  @Test
  void line07_theProofOfADoubleOptInHoldsSignUpWordingMailAndConfirmation() throws Exception {
    fx.start();
    Instant signUp = clock.instant();
    fx.submit("contact", "ada@example.de", null, "newsletterOptIn");
    ConsentFixture.Mail mail = fx.awaitMail("ada@example.de");
    Instant click = clock.advance(Duration.ofMinutes(42));
    fx.gateway.consent().confirm(mail.confirmToken(), ConsentFixture.click());

    List<ConsentEvent> events = fx.events(Subject.email("ada@example.de"));
    assertEquals(List.of(Action.REQUESTED, Action.CONFIRMED), events.stream().map(ConsentEvent::action).toList());

    ConsentEvent requested = events.get(0);
    Map<String, String> asked = requested.evidence().orElseThrow().items();
    assertEquals(signUp, requested.at(), "time of the sign-up");
    assertEquals("203.0.113.7", asked.get(Evidence.IP), "IP of the sign-up");
    assertEquals(ConsentFixture.BROWSER.userAgent().orElseThrow(), asked.get(Evidence.USER_AGENT));
    assertEquals("https://www.acme.example/kontakt", asked.get(Evidence.PAGE_URL), "page");
    assertEquals("contact", asked.get(Evidence.FORM_ID), "form");
    assertTrue(asked.get(Evidence.FORM_VERSION).matches("[0-9a-f]{12}"), "form version");
    assertEquals("ada@example.de", asked.get(Evidence.ADDRESS));
    assertEquals(Actor.form("contact"), requested.actor());
    // the exact wording: its version, its hash, and the text stored under that version
    assertEquals("newsletter-v1", asked.get(Evidence.WORDING_ID));
    assertEquals(sha256(ConsentFixture.NEWSLETTER_TEXT), asked.get(Evidence.WORDING_SHA256));
    assertEquals(List.of(List.of(ConsentFixture.NEWSLETTER_TEXT, sha256(ConsentFixture.NEWSLETTER_TEXT))),
        fx.rows("SELECT body, sha256 FROM consent_wordings WHERE id = ?", "newsletter-v1"));
    // the confirmation mail that was sent: its Message-ID
    assertEquals(mail.message().getMessageID(), asked.get(Evidence.MAIL_MESSAGE_ID));

    ConsentEvent confirmed = events.get(1);
    Map<String, String> clicked = confirmed.evidence().orElseThrow().items();
    assertEquals(click, confirmed.at(), "time of the confirmation");
    assertEquals("198.51.100.9", clicked.get(Evidence.IP), "IP of the confirmation");
    assertEquals(ConsentFixture.click().get(Evidence.USER_AGENT), clicked.get(Evidence.USER_AGENT));
    assertEquals(Actor.person(), confirmed.actor());
    assertEquals(LegalBasis.CONSENT_DOI, confirmed.basis());
    assertEquals(asked.get(Evidence.MAIL_MESSAGE_ID), clicked.get(Evidence.MAIL_MESSAGE_ID));
    assertEquals(asked.get(Evidence.WORDING_SHA256), clicked.get(Evidence.WORDING_SHA256));
    assertEquals(new Verification.Intact(2), fx.gateway.consent().verify());
  }

  @Test
  void line07_theProofRecordsWhenTheConfirmationMailWasSentAndItsContentVersion() throws Exception {
    fx.start();
    fx.submit("contact", "ada@example.de", null, "newsletterOptIn");
    ConsentFixture.Mail mail = fx.awaitMail("ada@example.de");
    fx.gateway.consent().confirm(mail.confirmToken(), ConsentFixture.click());

    String version = new DoiMailTemplate(MailSettings.from(fx.gateway.config().consent().section())).version();
    List<Map<String, String>> proof = fx.events(Subject.email("ada@example.de")).stream()
        .map(e -> e.evidence().orElseThrow().items()).toList();
    assertTrue(proof.stream().anyMatch(items -> items.containsValue(version)),
        "the content version of the confirmation mail (" + version + ") is in the proof: " + proof);
    assertTrue(proof.stream().anyMatch(items -> items.keySet().stream()
            .anyMatch(key -> key.toLowerCase(java.util.Locale.ROOT).matches("mail.*(sent|time|at).*"))),
        "the time the confirmation mail was sent is in the proof: " + proof);
  }

  @Test
  void line08_aConfirmationMailThatAdvertisesIsRefusedAtStartup() throws Exception {
    String from = "    from: \"ACME GmbH <no-reply@acme.example>\"\n";
    Map<String, String> refused = Map.of(
        "    subject: \"Willkommen bei ACME\"\n", "consent.doiMail.subject",
        "    body: \"<img src=https://acme.example/logo.png> {confirmUrl} {withdrawUrl}\"\n", "consent.doiMail.body",
        "    body: \"Jetzt 10% Rabatt sichern: {confirmUrl} Abmelden: {withdrawUrl}\"\n", "consent.doiMail.body",
        "    body: \"Bitte bestaetigen: {confirmUrl} https://acme.example/shop {withdrawUrl}\"\n",
        "consent.doiMail.body");
    int i = 0;
    for (Map.Entry<String, String> mail : refused.entrySet()) {
      try (ConsentFixture each = new ConsentFixture(directory.resolve("config-" + i++), clock)) {
        each.replace(from, from + mail.getKey());
        ConfigException e = assertThrows(ConfigException.class, each::start, mail.getKey());
        assertEquals(mail.getValue(), e.key(), e.getMessage());
      }
    }
  }

  @Test
  void line08_theConfirmationMailIsPlainTextWithOnlyTheConfirmationAndWithdrawalLinks() throws Exception {
    fx.start();
    fx.submit("contact", "ada@example.de", null, "newsletterOptIn");

    ConsentFixture.Mail mail = fx.awaitMail("ada@example.de");

    assertTrue(mail.message().isMimeType("text/plain"), mail.message().getContentType());
    assertFalse(mail.body().toLowerCase(java.util.Locale.ROOT).contains("<img"));
    assertFalse(mail.body().toLowerCase(java.util.Locale.ROOT).contains("<html"));
    Matcher urls = Pattern.compile("https?://\\S+").matcher(mail.body());
    while (urls.find()) {
      assertTrue(urls.group().equals(ConsentFixture.BASE_URL + "/consent/confirm/" + mail.confirmToken())
          || urls.group().equals(ConsentFixture.BASE_URL + "/consent/withdraw/" + mail.withdrawToken()),
          "only the confirmation and withdrawal links: " + urls.group());
    }
    assertTrue(mail.body().contains("the ACME newsletter about widgets"), "names what the person signed up for");
  }

  @Test
  void line09_phoneConsentIsDocumentedWithItsSmsVerificationAndKeptFiveYearsFromTheConfirmationAndFromEachUse()
      throws Exception {
    fx.start();
    Subject phone = Subject.phone("+49 30 1234567");
    Outcome.Accepted lead = fx.submit("contact", "ada@example.de", "+49 30 1234567", "callOptIn");
    assertEquals("confirmation-sms-sent", ConsentFixture.reply(lead, "phone", SALES_CALLS));
    ConsentFixture.Sms sms = fx.awaitSms("+49 30 1234567");
    awaitMailsSent(1);

    Instant tap = clock.advance(Duration.ofMinutes(10));
    assertInstanceOf(ConsentService.LinkState.Valid.class,
        fx.gateway.consent().confirm(sms.confirmToken(), ConsentFixture.tap()));

    ConsentState confirmed = fx.state(phone, Channel.PHONE, SALES_CALLS);
    assertEquals(ConsentStatus.CONFIRMED, confirmed.status());
    assertEquals(LegalBasis.CONSENT_DOCUMENTED, confirmed.basis());
    assertEquals(Instant.parse("2031-01-05T09:10:00Z"), confirmed.proofRetainedUntil(),
        "5 years from the confirmation");
    List<ConsentEvent> events = fx.events(phone);
    assertEquals(List.of(Action.REQUESTED, Action.CONFIRMED), events.stream().map(ConsentEvent::action).toList());
    Map<String, String> asked = events.get(0).evidence().orElseThrow().items();
    assertEquals("+49 30 1234567", asked.get(Evidence.ADDRESS), "who consented");
    assertEquals("calls-v1", asked.get(Evidence.WORDING_ID), "for which company, content and reach");
    assertEquals(sha256(ConsentFixture.CALLS_TEXT), asked.get(Evidence.WORDING_SHA256));
    assertEquals("203.0.113.7", asked.get(Evidence.IP), "manner");
    assertEquals("contact", asked.get(Evidence.FORM_ID));
    assertEquals(T0, events.get(0).at(), "exact time of the sign-up");
    assertEquals(sms.id(), asked.get(Evidence.SMS_MESSAGE_ID), "the SMS that asked");
    Map<String, String> verified = events.get(1).evidence().orElseThrow().items();
    assertEquals(tap, events.get(1).at(), "exact time of the verification");
    assertEquals(Actor.person(), events.get(1).actor());
    assertEquals("198.51.100.23", verified.get(Evidence.IP), "IP of the verification");
    assertEquals(ConsentFixture.tap().get(Evidence.USER_AGENT), verified.get(Evidence.USER_AGENT));
    assertEquals(sms.id(), verified.get(Evidence.SMS_MESSAGE_ID), "the SMS whose link was confirmed");
    assertEquals(T0, Instant.parse(verified.get(Evidence.SMS_SENT_AT)), "when the SMS was sent");
    assertTrue(verified.get(Evidence.SMS_CONTENT_VERSION).matches("sha256:[0-9a-f]{64}"), verified.toString());
    assertEquals(sha256(ConsentFixture.CALLS_TEXT), verified.get(Evidence.WORDING_SHA256));
    fx.awaitCrm(lead.leadId(), crm -> crm.at("/consent/phone/sales-calls/permitted").asBoolean()
        && "consent-documented".equals(crm.at("/consent/phone/sales-calls/basis").asText()));

    clock.set(Instant.parse("2028-03-01T10:00:00Z"));
    fx.gateway.consent().use(phone, Channel.PHONE, SALES_CALLS, Actor.admin("dialer"));

    ConsentState used = fx.state(phone, Channel.PHONE, SALES_CALLS);
    assertEquals(Instant.parse("2033-03-01T10:00:00Z"), used.proofRetainedUntil(), "5 years from the last use");
    assertEquals(new Verification.Intact(3), fx.gateway.consent().verify(), "stored tamper-evident");
  }

  @Test
  void line09_anEmailConfirmationDoesNotProvePhoneConsent() throws Exception {
    fx.start();

    String leadId = fx.signUpAndConfirm("contact", "ada@example.de", "+49 30 1234567");

    assertTrue(fx.permission(leadId, Channel.EMAIL, NEWSLETTER).permitted());
    Permissions.Permission calls = fx.permission(leadId, Channel.PHONE, SALES_CALLS);
    assertEquals(ConsentStatus.NONE, calls.status());
    assertFalse(calls.permitted());
  }

  @Test
  void line09_aTickedPhoneBoxAloneIsNoProofThatTheNumbersOwnerAgreed() throws Exception {
    fx.start();

    Outcome.Accepted lead = fx.submit("contact", "ada@example.de", "+49 30 1234567", "callOptIn");

    assertFalse(fx.permission(lead.leadId(), Channel.PHONE, SALES_CALLS).permitted());
    assertEquals(ConsentStatus.REQUESTED, fx.permission(lead.leadId(), Channel.PHONE, SALES_CALLS).status());
    assertEquals(LegalBasis.CONSENT_DOCUMENTED,
        fx.events(Subject.phone("+49 30 1234567")).get(0).basis(), "documented consent, pending its verification");
    fx.awaitCrm(lead.leadId(), crm -> "requested".equals(crm.at("/consent/phone/sales-calls/status").asText())
        && !crm.at("/consent/phone/sales-calls/permitted").asBoolean(true));
  }

  @Test
  void line09_theSmsGoesOutAtOnceWithASingleUseLinkThatOnlyTheButtonConfirms() throws Exception {
    fx.start();
    Outcome.Accepted lead = fx.submit("contact", "ada@example.de", "+49 (30) 123-4567", "callOptIn");

    ConsentFixture.Sms sms = fx.awaitSms("+49 30 1234567");
    assertEquals("+49301234567", sms.to());
    assertTrue(sms.text().startsWith("ACME GmbH: "), sms.text());
    assertTrue(sms.text().contains("calls from ACME sales about widgets"), sms.text());
    assertTrue(sms.text().contains(ConsentFixture.BASE_URL + "/consent/confirm/" + sms.confirmToken()), sms.text());
    assertTrue(sms.text().length() < 320, sms.text());
    assertFalse(sms.text().contains("/consent/withdraw/"), sms.text());
    assertInstanceOf(ConsentService.LinkState.Valid.class, fx.gateway.consent().confirmation(sms.confirmToken()));
    assertEquals(new ConsentService.LinkState.Valid("calls from ACME sales about widgets", Channel.PHONE),
        fx.gateway.consent().confirmation(sms.confirmToken()));
    assertFalse(fx.permission(lead.leadId(), Channel.PHONE, SALES_CALLS).permitted(),
        "opening the link (a link preview) confirms nothing");

    assertInstanceOf(ConsentService.LinkState.Valid.class,
        fx.gateway.consent().confirm(sms.confirmToken(), ConsentFixture.tap()));
    assertTrue(fx.permission(lead.leadId(), Channel.PHONE, SALES_CALLS).permitted());
    assertInstanceOf(ConsentService.LinkState.AlreadyUsed.class,
        fx.gateway.consent().confirm(sms.confirmToken(), ConsentFixture.tap()));
    assertEquals(1, fx.events(Subject.phone("+49 30 1234567")).stream()
        .filter(e -> e.action() == Action.CONFIRMED).count(), "a replayed link changes nothing");
  }

  @Test
  void line09_anExpiredSmsLinkConfirmsNothing() throws Exception {
    fx.start();
    Outcome.Accepted lead = fx.submit("contact", "ada@example.de", "+49 30 1234567", "callOptIn");
    ConsentFixture.Sms sms = fx.awaitSms("+49 30 1234567");

    clock.advance(Duration.ofDays(7).plusMinutes(1)); // the same token validity as the double opt-in

    assertInstanceOf(ConsentService.LinkState.Expired.class,
        fx.gateway.consent().confirm(sms.confirmToken(), ConsentFixture.tap()));
    assertFalse(fx.permission(lead.leadId(), Channel.PHONE, SALES_CALLS).permitted());
  }

  @Test
  void line09_afterAWithdrawalOnlyANewVerifiedSmsReenablesCalls() throws Exception {
    fx.start();
    String phone = "+49 30 1234567";
    String first = fx.callsConfirmed("contact", "ada@example.de", phone, "callOptIn");
    clock.advance(Duration.ofDays(1));
    fx.gateway.consent().end(Subject.phone(phone), Channel.PHONE, Optional.of(SALES_CALLS), false,
        Actor.admin("crm-sync"), Map.of());
    clock.advance(Duration.ofDays(1));

    Outcome.Accepted again = fx.submit("contact", "ada@example.de", phone, "callOptIn");
    assertEquals("confirmation-sms-sent-after-withdrawal", ConsentFixture.reply(again, "phone", SALES_CALLS));
    assertEquals(ConsentStatus.WITHDRAWN, fx.permission(again.leadId(), Channel.PHONE, SALES_CALLS).status(),
        "the ticked box alone does not lift the withdrawal");
    fx.confirmSms(phone);

    for (String leadId : List.of(first, again.leadId())) {
      Permissions.Permission calls = fx.permission(leadId, Channel.PHONE, SALES_CALLS);
      assertEquals(ConsentStatus.CONFIRMED, calls.status());
      assertEquals(LegalBasis.CONSENT_DOCUMENTED, calls.basis());
    }
    assertEquals("already-confirmed", ConsentFixture.reply(fx.submit("contact", "ada@example.de", phone,
        "callOptIn"), "phone", SALES_CALLS));
    assertEquals(2, fx.sms().size(), "no SMS to a confirmed number");
  }

  @Test
  void line09_confirmationSmsAreRateLimitedPerNumberAndPerIp() throws Exception {
    fx.replace("mailsPerIpPerHour: 20", "mailsPerIpPerHour: 20\n    smsPerIpPerHour: 2").start();
    Submission.RequestContext ip1 = context("192.0.2.1");
    Submission.RequestContext ip2 = context("192.0.2.2");

    assertEquals("confirmation-sms-sent", callsReply(fx.submit("contact", "a@example.de", "+49 30 111111", ip1,
        "callOptIn")));
    assertEquals("confirmation-sms-recently-sent", callsReply(fx.submit("contact", "a@example.de", "+49 30 111111",
        ip2, "callOptIn")), "per number: one SMS per resend interval");
    assertEquals("confirmation-sms-sent", callsReply(fx.submit("contact", "b@example.de", "+49 30 222222", ip1,
        "callOptIn")));
    assertEquals("rate-limited", callsReply(fx.submit("contact", "c@example.de", "+49 30 333333", ip1,
        "callOptIn")), "per IP: at most consent.doi.smsPerIpPerHour");
    assertEquals("confirmation-mail-sent", emailReply(fx.submit("contact", "c@example.de", null, ip1,
        "newsletterOptIn")), "mails are counted on their own");
    assertEquals("confirmation-sms-sent", callsReply(fx.submit("contact", "c@example.de", "+49 30 333333", ip2,
        "callOptIn")));

    clock.advance(Duration.ofMinutes(61));
    assertEquals("confirmation-sms-sent", callsReply(fx.submit("contact", "a@example.de", "+49 30 111111", ip1,
        "callOptIn")));
    assertEquals(4, fx.count("SELECT COUNT(*) FROM doi_requests WHERE channel = 'phone'"));
  }

  @Test
  void line09_anUnconfirmedPhoneRequestLapsesLikeAnUnconfirmedEmailRequest() throws Exception {
    fx.start();
    Subject phone = Subject.phone("+49 30 1234567");
    fx.submit("contact", "ada@example.de", "+49 30 1234567", "callOptIn");
    ConsentFixture.Sms sms = fx.awaitSms("+49 30 1234567");
    RetentionJob job = fx.retention();

    clock.set(T0.plus(Duration.ofDays(30)).minusSeconds(1));
    assertEquals(RetentionReport.NOTHING, job.runOnce());
    clock.set(T0.plus(Duration.ofDays(30)).plusSeconds(1));
    assertEquals(new RetentionReport(1, 0, 0, 1, 0), job.runOnce());

    assertEquals(0, fx.count("SELECT COUNT(*) FROM doi_requests"));
    assertInstanceOf(ConsentService.LinkState.Unknown.class, fx.gateway.consent().confirmation(sms.confirmToken()));
    assertTrue(fx.events(phone).stream().allMatch(e -> e.evidence().isEmpty()), "the sign-up evidence goes too");
  }

  @Test
  void line10_aPreTickedConsentBoxIsRefusedAtStartup() {
    fx.replace("{ field: callOptIn, channel: phone, purpose: sales-calls, wording: calls-v1 }",
        "{ field: callOptIn, channel: phone, purpose: sales-calls, wording: calls-v1, checked: true }");

    ConfigException e = assertThrows(ConfigException.class, fx::start);

    assertEquals("forms[0].consents[1].checked", e.key());
    assertTrue(e.getMessage().contains("pre-ticked"), e.getMessage());
  }

  @Test
  void line10_aSubmissionWithoutTheAffirmativeActRecordsNoConsent() throws Exception {
    fx.start();

    List<String> leads = new java.util.ArrayList<>();
    leads.add(fx.submit("contact", "ada@example.de", "+49 30 1234567").leadId());
    for (String value : List.of("", "off", "no", "false", "0", "nein")) {
      Outcome.Accepted lead = fx.submit("contact", "ada@example.de", "+49 30 1234567",
          "newsletterOptIn=" + value, "callOptIn=" + value);
      assertEquals(List.of(), lead.consents(), value);
      leads.add(lead.leadId());
    }

    assertEquals(List.of(), fx.events(Subject.email("ada@example.de")));
    assertEquals(List.of(), fx.events(Subject.phone("+49 30 1234567")));
    assertEquals(0, fx.count("SELECT COUNT(*) FROM doi_requests"));
    for (String leadId : leads) {
      assertFalse(fx.permission(leadId, Channel.EMAIL, NEWSLETTER).permitted());
      assertFalse(fx.permission(leadId, Channel.PHONE, SALES_CALLS).permitted());
    }
  }

  @Test
  void line10_consentIsRecordedOnlyForTheChannelAndPurposeOfTheTickedBox() throws Exception {
    fx.start();

    String lead = fx.callsConfirmed("contact", "ada@example.de", "+49 30 1234567", "callOptIn");

    assertTrue(fx.permission(lead, Channel.PHONE, SALES_CALLS).permitted());
    assertFalse(fx.permission(lead, Channel.PHONE, SERVICE_CALLS).permitted());
    assertFalse(fx.permission(lead, Channel.EMAIL, NEWSLETTER).permitted());
    assertEquals(List.of(SALES_CALLS, SALES_CALLS),
        fx.events(Subject.phone("+49 30 1234567")).stream().map(ConsentEvent::purpose).toList());
    assertEquals(List.of(), fx.events(Subject.email("ada@example.de")));
  }

  @Test
  void line11_eachConsentBoxHasItsOwnFieldChannelAndPurpose() throws Exception {
    String calls = "{ field: callOptIn, channel: phone, purpose: sales-calls, wording: calls-v1 }";
    Map<String, String> refused = Map.of(
        "{ field: newsletterOptIn, channel: phone, purpose: sales-calls, wording: calls-v1 }",
        "forms[0].consents[1].field",
        "{ field: email, channel: phone, purpose: sales-calls, wording: calls-v1 }", "forms[0].consents[1].field",
        "{ field: callOptIn2, channel: email, purpose: newsletter, wording: newsletter-v1 }",
        "forms[0].consents[1].purpose");
    int i = 0;
    for (Map.Entry<String, String> box : refused.entrySet()) {
      ConsentFixture each = new ConsentFixture(directory.resolve("config-" + i++), clock).replace(calls, box.getKey());
      ConfigException e = assertThrows(ConfigException.class, each::config, box.getKey());
      assertEquals(box.getValue(), e.key(), e.getMessage());
    }
  }

  @Test
  void line11_aLeadIsAcceptedAndDeliveredWithoutAnyConsent() throws Exception {
    fx.start();

    Outcome.Accepted lead = fx.submit("contact", "ada@example.de", "+49 30 1234567");

    assertFalse(lead.replayed());
    fx.awaitCrm(lead.leadId(), crm -> "Lovelace".equals(crm.at("/fields/lastName").asText()));
  }

  @Test
  void line12_belowTheMinimumAgeNoConsentIsRecorded() throws Exception {
    fx.start(); // the youth form: minimumAge 16, birthDateField birthDate; today is 2026-01-05

    Outcome.Accepted fifteen = fx.submit("youth", "kid@example.de", null, "birthDate=2010-01-06", "newsletterOptIn");
    Outcome.Accepted sixteen = fx.submit("youth", "teen@example.de", null, "birthDate=2010-01-05",
        "newsletterOptIn");

    assertEquals("parental-consent-required", ConsentFixture.reply(fifteen, "email", NEWSLETTER));
    assertEquals(List.of(), fx.events(Subject.email("kid@example.de")));
    assertEquals(ConsentStatus.NONE, fx.permission(fifteen.leadId(), Channel.EMAIL, NEWSLETTER).status());
    assertEquals("confirmation-mail-sent", ConsentFixture.reply(sixteen, "email", NEWSLETTER), "16 today");
    fx.awaitMail("teen@example.de");
    assertEquals(1, fx.count("SELECT COUNT(*) FROM doi_requests"), "no confirmation mail to the child");
  }

  @Test
  void line12_aMinimumAgeNeedsADateFieldForTheBirthDate() {
    fx.replace("    birthDateField: birthDate\n", "    birthDateField: lastName\n");

    ConfigException e = assertThrows(ConfigException.class, fx::config);

    assertEquals("forms[3].birthDateField", e.key());
  }

  // -------------------------------------------------------------------------------------- withdrawal, objection

  @Test
  void line13_withdrawalByTheMailLinkEndsConsentAndUpdatesTheCrmAtOnce() throws Exception {
    fx.start();
    Outcome.Accepted lead = fx.submit("contact", "ada@example.de", null, "newsletterOptIn");
    ConsentFixture.Mail mail = fx.awaitMail("ada@example.de");
    fx.gateway.consent().confirm(mail.confirmToken(), ConsentFixture.click());
    fx.awaitCrm(lead.leadId(), crm -> crm.at("/consent/email/newsletter/permitted").asBoolean());
    long revision = fx.count("SELECT revision FROM outbox WHERE lead_id = ?", lead.leadId());

    clock.advance(Duration.ofDays(3));
    assertInstanceOf(ConsentService.LinkState.Valid.class,
        fx.gateway.consent().withdraw(mail.withdrawToken(), ConsentFixture.click()));

    Permissions.Permission withdrawn = fx.permission(lead.leadId(), Channel.EMAIL, NEWSLETTER);
    assertEquals(ConsentStatus.WITHDRAWN, withdrawn.status());
    assertFalse(withdrawn.permitted());
    assertEquals(revision + 1, fx.count("SELECT revision FROM outbox WHERE lead_id = ?", lead.leadId()),
        "queued for the CRM in the withdrawal's own transaction");
    fx.awaitCrm(lead.leadId(), crm -> "withdrawn".equals(crm.at("/consent/email/newsletter/status").asText())
        && !crm.at("/consent/email/newsletter/permitted").asBoolean(true));
    ConsentEvent event = fx.events(Subject.email("ada@example.de")).get(2);
    assertEquals(Action.WITHDRAWN, event.action());
    assertEquals(Actor.person(), event.actor());
  }

  @Test
  void line13_withdrawalByTheApiEndsConsentForEveryPurposeOfTheChannel() throws Exception {
    fx.start();
    String leadId = fx.signUpAndConfirm("contact", "ada@example.de", null);

    List<String> ended = fx.gateway.consent().end(Subject.email("ADA@example.de "), Channel.EMAIL,
        Optional.empty(), false, Actor.admin("crm-sync"), Map.of(Evidence.NOTE, "opt-out in the CRM"));

    assertEquals(List.of(NEWSLETTER, SALES_CALLS, SERVICE_CALLS), ended);
    Permissions.Permission withdrawn = fx.permission(leadId, Channel.EMAIL, NEWSLETTER);
    assertEquals(ConsentStatus.WITHDRAWN, withdrawn.status());
    assertFalse(withdrawn.permitted());
    fx.awaitCrm(leadId, crm -> "withdrawn".equals(crm.at("/consent/email/newsletter/status").asText()));
  }

  @Test
  void line13_theConfirmationMailOffersOneClickUnsubscribe() throws Exception {
    fx.start();
    fx.submit("contact", "ada@example.de", null, "newsletterOptIn");

    ConsentFixture.Mail mail = fx.awaitMail("ada@example.de");

    assertEquals("<" + ConsentFixture.BASE_URL + "/consent/withdraw/" + mail.withdrawToken() + ">",
        mail.header("List-Unsubscribe"));
    assertEquals("List-Unsubscribe=One-Click", mail.header("List-Unsubscribe-Post"));
    assertInstanceOf(ConsentService.LinkState.Valid.class, fx.gateway.consent().withdrawal(mail.withdrawToken()));
  }

  @Test
  void line13_aWithdrawalIsRecordedEvenAfterTheProofWasDestroyed() throws Exception {
    fx.start();
    String email = "ada@example.de";
    Outcome.Accepted lead = fx.submit("contact", email, null, "newsletterOptIn");
    fx.awaitMail(email);
    clock.advance(Duration.ofDays(31));
    assertEquals(1, fx.retention().runOnce().shredded());

    List<String> ended = fx.gateway.consent().end(Subject.email(email), Channel.EMAIL, Optional.of(NEWSLETTER),
        true, Actor.admin("crm-sync"), Map.of(Evidence.NOTE, "objection in the CRM"));

    assertEquals(List.of(NEWSLETTER), ended);
    assertEquals(ConsentStatus.OBJECTED, fx.permission(lead.leadId(), Channel.EMAIL, NEWSLETTER).status());
    ConsentEvent objection = last(fx.events(Subject.email(email)));
    assertEquals(Action.OBJECTED, objection.action());
    assertEquals("objection in the CRM", objection.evidence().orElseThrow().items().get(Evidence.NOTE));
  }

  @Test
  void line14_afterAnObjectionNoNewFormSubmissionReenablesTheChannel() throws Exception {
    fx.start();
    String email = "ada@example.de";
    String phone = "+49 30 1234567";
    String first = fx.signUpAndConfirm("contact", email, phone, "callOptIn");
    fx.confirmSms(phone);
    assertTrue(fx.permission(first, Channel.PHONE, SALES_CALLS).permitted());

    clock.advance(Duration.ofDays(1));
    fx.gateway.consent().end(Subject.email(email), Channel.EMAIL, Optional.of(NEWSLETTER), true,
        Actor.admin("crm-sync"), Map.of());
    fx.gateway.consent().end(Subject.phone(phone), Channel.PHONE, Optional.of(SALES_CALLS), true,
        Actor.admin("crm-sync"), Map.of());
    clock.advance(Duration.ofDays(1));
    Outcome.Accepted again = fx.submit("contact", email, phone, "newsletterOptIn", "callOptIn");

    assertEquals("confirmation-sms-sent-after-withdrawal", ConsentFixture.reply(again, "phone", SALES_CALLS));
    for (String leadId : List.of(first, again.leadId())) {
      assertFalse(fx.permission(leadId, Channel.EMAIL, NEWSLETTER).permitted());
      Permissions.Permission calls = fx.permission(leadId, Channel.PHONE, SALES_CALLS);
      assertEquals(ConsentStatus.OBJECTED, calls.status());
      assertFalse(calls.permitted());
    }
    // the second submission is merged into the first lead (same address): the CRM keeps one record, still objected
    fx.awaitCrm(first, crm -> "objected".equals(crm.at("/consent/phone/sales-calls/status").asText())
        && crm.at("/fields/email").asText().equals(email));
  }

  @Test
  void line14_afterAnObjectionPresumedB2bConsentDoesNotReenableCalls() throws Exception {
    fx.start();
    String phone = "+49 89 7654321";
    fx.gateway.consent().end(Subject.phone(phone), Channel.PHONE, Optional.empty(), true,
        Actor.admin("crm-sync"), Map.of(Evidence.NOTE, "objected on the phone"));

    clock.advance(Duration.ofDays(30));
    Outcome.Accepted lead = fx.submit("business", "einkauf@mueller-maschinenbau.de", phone);

    Permissions.Permission calls = fx.permission(lead.leadId(), Channel.PHONE, SALES_CALLS);
    assertEquals(ConsentStatus.OBJECTED, calls.status());
    assertFalse(calls.permitted());
  }

  @Test
  void line14_onlyANewConfirmedDoubleOptInReenablesEmailAfterAnObjection() throws Exception {
    fx.start();
    String email = "ada@example.de";
    String first = fx.signUpAndConfirm("contact", email, null);
    fx.gateway.consent().end(Subject.email(email), Channel.EMAIL, Optional.of(NEWSLETTER), true,
        Actor.admin("crm-sync"), Map.of());
    clock.advance(Duration.ofDays(60));

    Outcome.Accepted again = fx.submit("contact", email, null, "newsletterOptIn");
    assertEquals("confirmation-mail-sent-after-withdrawal", ConsentFixture.reply(again, "email", NEWSLETTER));
    assertFalse(fx.permission(first, Channel.EMAIL, NEWSLETTER).permitted());
    ConsentFixture.Mail mail = fx.awaitMail(email);
    fx.gateway.consent().confirm(mail.confirmToken(), ConsentFixture.click());

    Permissions.Permission renewed = fx.permission(again.leadId(), Channel.EMAIL, NEWSLETTER);
    assertEquals(ConsentStatus.CONFIRMED, renewed.status());
    assertTrue(renewed.permitted());
  }

  @Test
  void line14_aNewUnconfirmedSignUpAfterAnObjectionKeepsTheObjectionOnRecord() throws Exception {
    fx.start();
    String email = "ada@example.de";
    String first = fx.signUpAndConfirm("contact", email, null);
    fx.gateway.consent().end(Subject.email(email), Channel.EMAIL, Optional.of(NEWSLETTER), true,
        Actor.admin("crm-sync"), Map.of());
    clock.advance(Duration.ofDays(1));

    fx.submit("contact", email, null, "newsletterOptIn");

    assertEquals(ConsentStatus.OBJECTED, fx.permission(first, Channel.EMAIL, NEWSLETTER).status());
  }

  @Test
  void line15_aWithdrawalIsNotUndoneByADuplicateLeadOfTheSameNumber() throws Exception {
    fx.start();
    String first = fx.callsConfirmed("contact", "ada@example.de", "+49 30 1234567", "callOptIn");
    fx.gateway.consent().end(Subject.phone("+49 30 1234567"), Channel.PHONE, Optional.of(SALES_CALLS), false,
        Actor.admin("crm-sync"), Map.of());

    clock.advance(Duration.ofDays(10));
    // the same person again, with the number written differently: one subject, one consent
    Outcome.Accepted duplicate = fx.submit("business", "ada@mueller-maschinenbau.de", "+49 (30) 123-4567",
        "callOptIn");

    for (String leadId : List.of(first, duplicate.leadId())) {
      Permissions.Permission calls = fx.permission(leadId, Channel.PHONE, SALES_CALLS);
      assertEquals(ConsentStatus.WITHDRAWN, calls.status(), leadId);
      assertFalse(calls.permitted(), leadId);
    }
  }

  @Test
  void line15_aWithdrawalIsNotUndoneByADuplicateLeadOfTheSameAddress() throws Exception {
    fx.start();
    String first = fx.signUpAndConfirm("contact", "ada@example.de", null);
    fx.gateway.consent().end(Subject.email("ada@example.de"), Channel.EMAIL, Optional.of(NEWSLETTER), false,
        Actor.admin("crm-sync"), Map.of());

    clock.advance(Duration.ofDays(10));
    Outcome.Accepted duplicate = fx.submit("enquiry", "Ada@Example.DE", null, "newsletterOptIn");
    Outcome.Accepted withoutBox = fx.submit("enquiry", "ada@example.de", null);

    for (String leadId : List.of(first, duplicate.leadId(), withoutBox.leadId())) {
      assertFalse(fx.permission(leadId, Channel.EMAIL, NEWSLETTER).permitted(), leadId);
    }
  }

  // ---------------------------------------------------------------------------- retention, minimisation, rights

  @Test
  void line16_unconfirmedRequestsAreDeletedAfterTheRetentionPeriod() throws Exception {
    fx.start();
    fx.submit("contact", "ada@example.de", null, "newsletterOptIn");
    ConsentFixture.Mail unconfirmed = fx.awaitMail("ada@example.de");
    fx.signUpAndConfirm("contact", "grace@example.de", null);
    RetentionJob job = fx.retention();
    assertEquals(2, fx.count("SELECT COUNT(*) FROM doi_requests"));

    clock.set(T0.plus(Duration.ofDays(30)).minusSeconds(1));
    assertEquals(RetentionReport.NOTHING, job.runOnce());
    assertEquals(2, fx.count("SELECT COUNT(*) FROM doi_requests"));

    clock.set(T0.plus(Duration.ofDays(30)).plusSeconds(1));
    RetentionReport report = job.runOnce();

    assertEquals(1, report.deletedRequests());
    assertEquals(1, report.shredded(), "the sign-up evidence of the lapsed request goes too");
    assertEquals(1, fx.count("SELECT COUNT(*) FROM doi_requests"));
    assertEquals(0, fx.count("SELECT COUNT(*) FROM doi_requests WHERE used_at IS NULL"));
    assertInstanceOf(ConsentService.LinkState.Unknown.class,
        fx.gateway.consent().confirmation(unconfirmed.confirmToken()));
    assertTrue(fx.events(Subject.email("ada@example.de")).stream().allMatch(e -> e.evidence().isEmpty()));
    assertTrue(fx.events(Subject.email("grace@example.de")).stream().allMatch(e -> e.evidence().isPresent()));
    assertEquals(new Verification.Intact(3), fx.gateway.consent().verify());
    assertEquals(RetentionReport.NOTHING, job.runOnce());
  }

  @Test
  void line16_confirmationMailsAreRateLimitedPerAddressAndPerIp() throws Exception {
    fx.replace("mailsPerIpPerHour: 20", "mailsPerIpPerHour: 2").start();
    Submission.RequestContext ip1 = context("192.0.2.1");
    Submission.RequestContext ip2 = context("192.0.2.2");

    assertEquals("confirmation-mail-sent", emailReply(fx.submit("contact", "a@example.de", null, ip1,
        "newsletterOptIn")));
    assertEquals("confirmation-mail-recently-sent", emailReply(fx.submit("contact", "a@example.de", null, ip2,
        "newsletterOptIn")), "per address: one mail per resend interval");
    assertEquals("confirmation-mail-sent", emailReply(fx.submit("contact", "b@example.de", null, ip1,
        "newsletterOptIn")));
    assertEquals("rate-limited", emailReply(fx.submit("contact", "c@example.de", null, ip1, "newsletterOptIn")),
        "per IP: at most consent.doi.mailsPerIpPerHour");
    assertEquals("confirmation-mail-sent", emailReply(fx.submit("contact", "c@example.de", null, ip2,
        "newsletterOptIn")));
    assertEquals(3, fx.count("SELECT COUNT(*) FROM doi_requests"));

    clock.advance(Duration.ofMinutes(61));
    assertEquals("confirmation-mail-sent", emailReply(fx.submit("contact", "a@example.de", null, ip1,
        "newsletterOptIn")));
    assertEquals(4, fx.count("SELECT COUNT(*) FROM doi_requests"));
  }

  @Test
  void line16_linkTokensAreStoredOnlyAsHashes() throws Exception {
    fx.start();
    fx.submit("contact", "ada@example.de", null, "newsletterOptIn");
    ConsentFixture.Mail mail = fx.awaitMail("ada@example.de");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (fx.count("SELECT COUNT(*) FROM doi_requests WHERE mail_status = 'sent'") == 0
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertEquals(1, fx.count("SELECT COUNT(*) FROM doi_requests WHERE token_hash = ? AND mail_payload IS NULL",
        Tokens.hash(mail.confirmToken())), "stored hashed; the sealed mail data is gone once the mail is out");
    assertEquals(1, fx.count("SELECT COUNT(*) FROM withdraw_tokens WHERE token_hash = ?",
        Tokens.hash(mail.withdrawToken())));
    for (String table : List.of("doi_requests", "withdraw_tokens", "consent_events", "submissions", "leads",
        "lead_subjects", "subject_keys", "outbox")) {
      for (List<String> row : fx.rows("SELECT * FROM " + table)) {
        for (String value : row) {
          assertFalse(value != null && (value.contains(mail.confirmToken()) || value.contains(mail.withdrawToken())),
              "a raw link token is stored in " + table);
        }
      }
    }
  }

  @Test
  void line17_proofIsKeptThreeYearsAfterTheEndOfTheYearOfTheWithdrawal() throws Exception {
    fx.start();
    fx.submit("contact", "ada@example.de", null, "newsletterOptIn");
    ConsentFixture.Mail mail = fx.awaitMail("ada@example.de");
    fx.gateway.consent().confirm(mail.confirmToken(), ConsentFixture.click());
    clock.set(Instant.parse("2026-03-01T12:00:00Z"));
    fx.gateway.consent().withdraw(mail.withdrawToken(), ConsentFixture.click());
    RetentionJob job = fx.retention();

    clock.set(Instant.parse("2029-12-31T23:59:59Z"));
    assertEquals(0, job.runOnce().shredded());
    assertTrue(fx.events(Subject.email("ada@example.de")).stream().allMatch(e -> e.evidence().isPresent()));

    clock.set(Instant.parse("2030-01-01T00:00:00Z"));
    assertEquals(1, job.runOnce().shredded());

    List<ConsentEvent> events = fx.events(Subject.email("ada@example.de"));
    assertEquals(List.of(Action.REQUESTED, Action.CONFIRMED, Action.WITHDRAWN),
        events.stream().map(ConsentEvent::action).toList(), "the events stay, without their evidence");
    assertTrue(events.stream().allMatch(e -> e.evidence().isEmpty()));
    assertEquals(new Verification.Intact(3), fx.gateway.consent().verify());
  }

  @Test
  void line17_phoneProofIsKeptFiveYearsAfterTheLastUse() throws Exception {
    fx.start();
    Subject phone = Subject.phone("+49 30 1234567");
    fx.callsConfirmed("contact", "ada@example.de", "+49 30 1234567", "callOptIn");
    clock.set(Instant.parse("2027-06-01T10:00:00Z"));
    fx.gateway.consent().use(phone, Channel.PHONE, SALES_CALLS, Actor.admin("dialer"));
    clock.set(Instant.parse("2027-07-01T10:00:00Z"));
    fx.gateway.consent().end(phone, Channel.PHONE, Optional.of(SALES_CALLS), false, Actor.admin("crm-sync"),
        Map.of());
    RetentionJob job = fx.retention();

    clock.set(Instant.parse("2031-06-01T10:00:00Z")); // past the civil 3 years (2031-01-01)
    assertEquals(0, job.runOnce().shredded());
    clock.set(Instant.parse("2032-06-01T09:59:59Z"));
    assertEquals(0, job.runOnce().shredded());
    assertTrue(fx.events(phone).stream().allMatch(e -> e.evidence().isPresent()));

    clock.set(Instant.parse("2032-06-01T10:00:00Z"));
    assertEquals(1, job.runOnce().shredded());
    assertTrue(fx.events(phone).stream().allMatch(e -> e.evidence().isEmpty()));
    assertEquals(new Verification.Intact(4), fx.gateway.consent().verify());
  }

  @Test
  void line17_aNewSignUpAfterAWithdrawalDoesNotShortenTheRetentionOfItsProof() throws Exception {
    fx.start();
    String email = "ada@example.de";
    fx.signUpAndConfirm("contact", email, null);
    clock.set(Instant.parse("2029-06-01T10:00:00Z"));
    fx.gateway.consent().end(Subject.email(email), Channel.EMAIL, Optional.of(NEWSLETTER), false,
        Actor.admin("crm-sync"), Map.of());
    clock.set(Instant.parse("2029-07-01T10:00:00Z"));
    fx.submit("contact", email, null, "newsletterOptIn"); // never confirmed
    RetentionJob job = fx.retention();

    clock.set(Instant.parse("2030-02-01T00:00:00Z"));
    assertEquals(new RetentionReport(1, 0, 0, 0, 0), job.runOnce(), "the lapsed request goes, the proof stays");
    clock.set(Instant.parse("2032-12-31T23:59:59Z"));
    assertEquals(0, job.runOnce().shredded());
    assertTrue(fx.events(Subject.email(email)).stream().allMatch(e -> e.evidence().isPresent()));

    clock.set(Instant.parse("2033-01-01T00:00:00Z"));
    assertEquals(1, job.runOnce().shredded());
  }

  @Test
  void line17_theRetentionDateOfAConsentCountsFromItsWithdrawalEvenAfterANewSignUp() throws Exception {
    fx.start();
    String email = "ada@example.de";
    fx.signUpAndConfirm("contact", email, null);
    clock.set(Instant.parse("2029-06-01T10:00:00Z"));
    fx.gateway.consent().end(Subject.email(email), Channel.EMAIL, Optional.of(NEWSLETTER), false,
        Actor.admin("crm-sync"), Map.of());
    clock.set(Instant.parse("2029-07-01T10:00:00Z"));
    fx.submit("contact", email, null, "newsletterOptIn");

    Instant until = fx.state(Subject.email(email), Channel.EMAIL, NEWSLETTER).proofRetainedUntil();

    assertFalse(until.isBefore(Instant.parse("2033-01-01T00:00:00Z")), "retained until " + until);
  }

  @Test
  void line17_anAddressWhoseProofWasDestroyedCanSignUpAgain() throws Exception {
    fx.start();
    String email = "ada@example.de";
    fx.submit("contact", email, null, "newsletterOptIn");
    fx.awaitMail(email);
    clock.advance(Duration.ofDays(31));
    assertEquals(new RetentionReport(1, 0, 0, 1, 0), fx.retention().runOnce());

    clock.advance(Duration.ofDays(1));
    Outcome.Accepted again = fx.submit("contact", email, null, "newsletterOptIn");
    assertEquals("confirmation-mail-sent", ConsentFixture.reply(again, "email", NEWSLETTER));
    ConsentFixture.Mail mail = fx.awaitMail(email);
    fx.gateway.consent().confirm(mail.confirmToken(), ConsentFixture.click());

    assertTrue(fx.permission(again.leadId(), Channel.EMAIL, NEWSLETTER).permitted());
    List<ConsentEvent> events = fx.events(Subject.email(email));
    assertEquals(List.of(false, true, true), events.stream().map(e -> e.evidence().isPresent()).toList(),
        "the destroyed proof stays unreadable, the new one is readable");
    assertEquals(new Verification.Intact(3), fx.gateway.consent().verify());
  }

  @Test
  void line19_afterErasureTheProofIsDestroyedWhenItsRetentionEndsAndTheLedgerStillVerifies() throws Exception {
    fx.start();
    String email = "ada@example.de";
    fx.signUpAndConfirm("contact", email, null);
    clock.advance(Duration.ofDays(1));
    fx.gateway.consent().end(Subject.email(email), Channel.EMAIL, Optional.empty(), true, Actor.admin("dpo"),
        Map.of(Evidence.NOTE, "erasure request (Art. 17)"));
    // erasure itself is not built yet: mark the subject erased as it would
    assertEquals(1, fx.update("UPDATE subject_keys SET erased_at = ? WHERE subject_key = ?",
        clock.instant().toEpochMilli(), fx.subjectKey(Subject.email(email))));
    RetentionJob job = fx.retention();

    clock.set(Instant.parse("2029-12-31T23:00:00Z"));
    assertEquals(0, job.runOnce().shredded(), "the duty to keep proof (Art. 17(3)(b),(e)) keeps the evidence");
    clock.set(Instant.parse("2030-01-01T00:00:00Z"));
    assertEquals(1, job.runOnce().shredded());

    List<ConsentEvent> events = fx.events(Subject.email(email));
    assertFalse(events.isEmpty());
    assertTrue(events.stream().allMatch(e -> e.evidence().isEmpty()), "unreadable");
    assertEquals(new Verification.Intact(events.size()), fx.gateway.consent().verify());
  }

  @Test
  void line19_anErasedSubjectsConsentStopsPermittingWhenItsProofIsDestroyed() throws Exception {
    fx.start();
    String email = "ada@example.de";
    fx.signUpAndConfirm("contact", email, null);
    clock.advance(Duration.ofDays(1));
    // erased without a withdrawal (erasure is not built in this module yet: mark the subject as it would)
    fx.update("UPDATE subject_keys SET erased_at = ? WHERE subject_key = ?", clock.instant().toEpochMilli(),
        fx.subjectKey(Subject.email(email)));
    RetentionJob job = fx.retention();

    clock.set(Instant.parse("2028-06-01T00:00:00Z"));
    assertEquals(RetentionReport.NOTHING, job.runOnce(), "not marked stale: that would prolong keeping the proof");
    clock.set(Instant.parse("2030-01-01T00:00:00Z")); // 3 years after the end of the year of the confirmation
    assertEquals(new RetentionReport(0, 0, 1, 1, 0), job.runOnce());

    List<ConsentEvent> events = fx.events(Subject.email(email));
    assertEquals(Action.EXPIRED, last(events).action());
    assertTrue(events.stream().allMatch(e -> e.evidence().isEmpty()));
    assertEquals(ConsentStatus.EXPIRED, fx.state(Subject.email(email), Channel.EMAIL, NEWSLETTER).status());
    assertEquals(new Verification.Intact(3), fx.gateway.consent().verify());
  }

  @Test
  void line24_consentUnusedFor24MonthsStillPermitsButIsFlaggedStaleToTheCrm() throws Exception {
    fx.start();
    String leadId = fx.signUpAndConfirm("contact", "ada@example.de", null);
    fx.awaitCrm(leadId, crm -> crm.at("/consent/email/newsletter/permitted").asBoolean());
    RetentionJob job = fx.retention();

    clock.set(T0.plus(Duration.ofDays(730)).minusSeconds(1));
    assertEquals(RetentionReport.NOTHING, job.runOnce());
    assertFalse(fx.permission(leadId, Channel.EMAIL, NEWSLETTER).stale());

    Instant stale = at(T0.plus(Duration.ofDays(730)).plusSeconds(1));
    assertEquals(new RetentionReport(0, 1, 0, 0, 0), job.runOnce());

    Permissions.Permission permission = fx.permission(leadId, Channel.EMAIL, NEWSLETTER);
    assertTrue(permission.permitted(), "stale consent still permits");
    assertTrue(permission.stale());
    assertEquals(ConsentStatus.CONFIRMED, permission.status());
    ConsentEvent event = last(fx.events(Subject.email("ada@example.de")));
    assertEquals(Action.STALE, event.action());
    assertEquals(Actor.system("retention"), event.actor());
    assertEquals(stale, event.at());
    fx.awaitCrm(leadId, crm -> crm.at("/consent/email/newsletter/stale").asBoolean()
        && crm.at("/consent/email/newsletter/permitted").asBoolean()
        && "confirmed".equals(crm.at("/consent/email/newsletter/status").asText()));
    clock.advance(Duration.ofDays(1));
    assertEquals(RetentionReport.NOTHING, job.runOnce(), "marked once");
    assertEquals(new Verification.Intact(3), fx.gateway.consent().verify());
  }

  @Test
  void line24_oneNeutralRepermissionMailGoesOutAndItsConfirmationKeepsTheConsentFromBlocking() throws Exception {
    fx.start();
    String email = "ada@example.de";
    String leadId = fx.signUpAndConfirm("contact", email, null);
    RetentionJob job = fx.retention();

    clock.set(T0.plus(Duration.ofDays(731)));
    assertEquals(1, job.runOnce().stale());
    ConsentFixture.Mail mail = fx.awaitMail(email);
    clock.advance(Duration.ofDays(1));
    assertEquals(RetentionReport.NOTHING, job.runOnce());

    assertEquals(MailSettings.DEFAULT_REPERMISSION_SUBJECT, mail.message().getSubject());
    assertTrue(mail.body().contains("the ACME newsletter about widgets"), mail.body());
    assertTrue(mail.message().isMimeType("text/plain"), mail.message().getContentType());
    Matcher urls = Pattern.compile("https?://\\S+").matcher(mail.body());
    while (urls.find()) {
      assertTrue(urls.group().equals(ConsentFixture.BASE_URL + "/consent/confirm/" + mail.confirmToken())
          || urls.group().equals(ConsentFixture.BASE_URL + "/consent/withdraw/" + mail.withdrawToken()),
          "only the confirmation and withdrawal links: " + urls.group());
    }
    assertTrue(mail.header("List-Unsubscribe").contains(mail.withdrawToken()), "one-click withdrawal");
    awaitMailsSent(2);
    assertEquals(2, fx.mails().size(), "one re-permission mail, besides the sign-up's confirmation mail");
    assertTrue(fx.permission(leadId, Channel.EMAIL, NEWSLETTER).stale());

    Instant click = clock.advance(Duration.ofDays(30));
    assertInstanceOf(ConsentService.LinkState.Valid.class,
        fx.gateway.consent().confirm(mail.confirmToken(), ConsentFixture.click()));
    assertInstanceOf(ConsentService.LinkState.AlreadyUsed.class,
        fx.gateway.consent().confirm(mail.confirmToken(), ConsentFixture.click()), "single use");

    Permissions.Permission renewed = fx.permission(leadId, Channel.EMAIL, NEWSLETTER);
    assertEquals(ConsentStatus.CONFIRMED, renewed.status());
    assertFalse(renewed.stale());
    ConsentEvent confirmed = last(fx.events(Subject.email(email)));
    Map<String, String> proof = confirmed.evidence().orElseThrow().items();
    assertEquals(Action.CONFIRMED, confirmed.action());
    assertEquals(LegalBasis.CONSENT_DOI, confirmed.basis());
    assertEquals(click, confirmed.at());
    assertEquals("198.51.100.9", proof.get(Evidence.IP));
    assertEquals(mail.message().getMessageID(), proof.get(Evidence.MAIL_MESSAGE_ID));
    assertEquals(new DoiMailTemplate(MailSettings.from(fx.gateway.config().consent().section()).repermissionMail())
        .version(), proof.get(Evidence.MAIL_CONTENT_VERSION), "the re-permission mail's content version");
    assertEquals("newsletter-v1", proof.get(Evidence.WORDING_ID));

    clock.set(T0.plus(Duration.ofDays(1096)));
    assertEquals(RetentionReport.NOTHING, job.runOnce(), "not blocked at 36 months");
    assertTrue(fx.permission(leadId, Channel.EMAIL, NEWSLETTER).permitted());
    clock.set(click.plus(Duration.ofDays(731)));
    assertEquals(1, job.runOnce().stale(), "24 months after the renewal it is stale again");
  }

  @Test
  void line24_consentWhoseRepermissionMailIsNotAnsweredIsBlockedAt36Months() throws Exception {
    fx.start();
    String email = "ada@example.de";
    String leadId = fx.signUpAndConfirm("contact", email, null);
    RetentionJob job = fx.retention();
    clock.set(T0.plus(Duration.ofDays(731)));
    job.runOnce();
    ConsentFixture.Mail repermission = fx.awaitMail(email);

    clock.set(T0.plus(Duration.ofDays(1095)).plusSeconds(1));
    assertEquals(new RetentionReport(1, 0, 1, 0, 0), job.runOnce(), "blocked; the lapsed re-permission request goes");

    Permissions.Permission blocked = fx.permission(leadId, Channel.EMAIL, NEWSLETTER);
    assertEquals(ConsentStatus.EXPIRED, blocked.status());
    assertFalse(blocked.permitted());
    assertFalse(blocked.stale());
    assertEquals(Action.EXPIRED, last(fx.events(Subject.email(email))).action());
    fx.awaitCrm(leadId, crm -> "expired".equals(crm.at("/consent/email/newsletter/status").asText())
        && !crm.at("/consent/email/newsletter/permitted").asBoolean());
    assertInstanceOf(ConsentService.LinkState.Unknown.class,
        fx.gateway.consent().confirm(repermission.confirmToken(), ConsentFixture.click()),
        "after the block the re-permission link renews nothing");
    assertEquals(ConsentStatus.EXPIRED, fx.permission(leadId, Channel.EMAIL, NEWSLETTER).status());
    clock.advance(Duration.ofDays(1));
    assertEquals(RetentionReport.NOTHING, job.runOnce());
    assertEquals(1, fx.count("SELECT COUNT(*) FROM doi_requests"), "no re-permission mail after the block");
  }

  @Test
  void line24_noRepermissionMailForConsentThatWasWithdrawnOrHadAlreadyBeenBlocked() throws Exception {
    fx.start();
    fx.signUpAndConfirm("contact", "ada@example.de", null);
    fx.signUpAndConfirm("contact", "grace@example.de", null);
    clock.set(T0.plus(Duration.ofDays(100)));
    fx.gateway.consent().end(Subject.email("ada@example.de"), Channel.EMAIL, Optional.of(NEWSLETTER), false,
        Actor.admin("crm-sync"), Map.of());

    clock.set(T0.plus(Duration.ofDays(1096))); // the job did not run in between (down for a year)
    assertEquals(new RetentionReport(0, 0, 1, 0, 0), fx.retention().runOnce(), "grace is blocked at once");
    clock.advance(Duration.ofDays(1));
    assertEquals(RetentionReport.NOTHING, fx.retention().runOnce());

    assertEquals(2, fx.count("SELECT COUNT(*) FROM doi_requests"), "only the two sign-ups' confirmation mails");
    assertEquals(List.of(Action.REQUESTED, Action.CONFIRMED, Action.WITHDRAWN),
        fx.events(Subject.email("ada@example.de")).stream().map(ConsentEvent::action).toList());
    assertEquals(List.of(Action.REQUESTED, Action.CONFIRMED, Action.EXPIRED),
        fx.events(Subject.email("grace@example.de")).stream().map(ConsentEvent::action).toList());
  }

  @Test
  void line24_aRepermissionLinkDoesNotLiftAWithdrawalMadeAfterTheMailWasSent() throws Exception {
    fx.start();
    String email = "ada@example.de";
    String leadId = fx.signUpAndConfirm("contact", email, null);
    clock.set(T0.plus(Duration.ofDays(731)));
    fx.retention().runOnce();
    ConsentFixture.Mail repermission = fx.awaitMail(email);
    clock.advance(Duration.ofDays(2));
    assertInstanceOf(ConsentService.LinkState.Valid.class,
        fx.gateway.consent().withdraw(repermission.withdrawToken(), ConsentFixture.click()));

    clock.advance(Duration.ofDays(2));
    assertInstanceOf(ConsentService.LinkState.Expired.class,
        fx.gateway.consent().confirmation(repermission.confirmToken()));
    assertInstanceOf(ConsentService.LinkState.Expired.class,
        fx.gateway.consent().confirm(repermission.confirmToken(), ConsentFixture.click()));

    assertEquals(ConsentStatus.WITHDRAWN, fx.permission(leadId, Channel.EMAIL, NEWSLETTER).status());
    assertEquals(Action.WITHDRAWN, last(fx.events(Subject.email(email))).action());
  }

  @Test
  void line24_aRecordedUseStartsBothPeriodsAgainAndPhoneConsentGetsNoMail() throws Exception {
    fx.start();
    Subject phone = Subject.phone("+49 30 1234567");
    String lead = fx.callsConfirmed("contact", "ada@example.de", "+49 30 1234567", "callOptIn");
    Instant used = at(T0.plus(Duration.ofDays(600)));
    fx.gateway.consent().use(phone, Channel.PHONE, SALES_CALLS, Actor.admin("dialer"));
    RetentionJob job = fx.retention();

    clock.set(T0.plus(Duration.ofDays(731)));
    assertEquals(RetentionReport.NOTHING, job.runOnce());
    assertFalse(fx.permission(lead, Channel.PHONE, SALES_CALLS).stale());

    clock.set(used.plus(Duration.ofDays(731)));
    assertEquals(new RetentionReport(0, 1, 0, 0, 0), job.runOnce());
    Permissions.Permission stale = fx.permission(lead, Channel.PHONE, SALES_CALLS);
    assertTrue(stale.permitted() && stale.stale());
    assertEquals(1, fx.count("SELECT COUNT(*) FROM doi_requests"), "phone consent is flagged; no mail, no new SMS");
    fx.awaitCrm(lead, crm -> crm.at("/consent/phone/sales-calls/stale").asBoolean());

    clock.set(T0.plus(Duration.ofDays(1096)));
    assertEquals(RetentionReport.NOTHING, job.runOnce(), "36 months after the grant, but not after the use");
    clock.set(used.plus(Duration.ofDays(1096)));
    assertEquals(new RetentionReport(0, 0, 1, 0, 0), job.runOnce());
    assertEquals(ConsentStatus.EXPIRED, fx.permission(lead, Channel.PHONE, SALES_CALLS).status());
  }

  @Test
  void line24_blockedConsentIsRenewedOnlyByANewConfirmedDoubleOptIn() throws Exception {
    fx.start();
    String email = "ada@example.de";
    fx.signUpAndConfirm("contact", email, null);
    clock.set(T0.plus(Duration.ofDays(1096)));
    assertEquals(1, fx.retention().runOnce().expired());

    Outcome.Accepted again = fx.submit("contact", email, null, "newsletterOptIn");
    assertEquals("confirmation-mail-sent", ConsentFixture.reply(again, "email", NEWSLETTER));
    assertFalse(fx.permission(again.leadId(), Channel.EMAIL, NEWSLETTER).permitted());
    ConsentFixture.Mail mail = fx.awaitMail(email);
    assertEquals(MailSettings.DEFAULT_SUBJECT, mail.message().getSubject(), "the sign-up's confirmation mail");
    fx.gateway.consent().confirm(mail.confirmToken(), ConsentFixture.click());

    assertEquals(ConsentStatus.CONFIRMED, fx.permission(again.leadId(), Channel.EMAIL, NEWSLETTER).status());
    assertEquals(RetentionReport.NOTHING, fx.retention().runOnce());
  }

  @Test
  void line24_theStaleAndBlockPeriodsAreConfigurable() throws Exception {
    fx.replace("    mailsPerIpPerHour: 20\n", "    mailsPerIpPerHour: 20\n  retention:\n    staleAfter: 100d\n"
        + "    blockAfter: 200d\n").start();
    String lead = fx.callsConfirmed("contact", "ada@example.de", "+49 30 1234567", "callOptIn");
    RetentionJob job = fx.retention();

    clock.set(T0.plus(Duration.ofDays(101)));
    assertEquals(new RetentionReport(0, 1, 0, 0, 0), job.runOnce());
    assertTrue(fx.permission(lead, Channel.PHONE, SALES_CALLS).stale());
    clock.set(T0.plus(Duration.ofDays(201)));
    assertEquals(new RetentionReport(0, 0, 1, 0, 0), job.runOnce());
  }

  @Test
  void line24_blockAfterMustBeLongerThanStaleAfter() throws Exception {
    for (String retention : List.of("staleAfter: 400d\n    blockAfter: 300d", "staleAfter: 400d\n    blockAfter: 400d",
        "staleAfter: 1200d")) {
      ConsentFixture config = new ConsentFixture(directory, clock)
          .replace("    mailsPerIpPerHour: 20\n", "    mailsPerIpPerHour: 20\n  retention:\n    " + retention + "\n");

      ConfigException e = assertThrows(ConfigException.class, config::config, retention);
      assertEquals("consent.retention.blockAfter", e.key());
      assertTrue(e.getMessage().contains("consent.retention.staleAfter"), e.getMessage());
    }
    assertEquals(Duration.ofDays(730), fx.config().consent().staleAfter(), "default: 24 months");
    assertEquals(Duration.ofDays(1095), fx.config().consent().blockAfter(), "default: 36 months");
  }

  @Test
  void line25_anUnknownAudienceCountsAsConsumersForPresumedConsent() throws Exception {
    fx.start();
    assertEquals(FormConfig.Audience.UNKNOWN, fx.gateway.config().form("enquiry").orElseThrow().audience());

    Outcome.Accepted unknown = fx.submit("enquiry", "einkauf@mueller-maschinenbau.de", "+49 89 7654321");
    Outcome.Accepted consumer = fx.submit("contact", "einkauf@mueller-maschinenbau.de", "+49 89 7654321");

    for (Outcome.Accepted lead : List.of(unknown, consumer)) {
      Permissions.Permission calls = fx.permission(lead.leadId(), Channel.PHONE, SALES_CALLS);
      assertEquals(ConsentStatus.NONE, calls.status());
      assertFalse(calls.permitted());
    }
    assertEquals(List.of(), fx.events(Subject.phone("+49 89 7654321")));
  }

  // ------------------------------------------------------------------------------------------------- helpers

  private static Submission.RequestContext context(String ip) {
    return new Submission.RequestContext(Optional.of(ip), Optional.of("Mozilla/5.0 LawChecklist"),
        Optional.of("https://www.acme.example/kontakt"));
  }

  private static String emailReply(Outcome.Accepted accepted) {
    return ConsentFixture.reply(accepted, "email", NEWSLETTER);
  }

  private static String callsReply(Outcome.Accepted accepted) {
    return ConsentFixture.reply(accepted, "phone", SALES_CALLS);
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Waits until the mailer has sent this many mails (and written them to the mail directory). */
  private void awaitMailsSent(int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (fx.count("SELECT COUNT(*) FROM doi_requests WHERE mail_status = 'sent'") < count
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(count, fx.count("SELECT COUNT(*) FROM doi_requests WHERE mail_status = 'sent'"));
  }

  private Instant at(Instant instant) {
    clock.set(instant);
    return instant;
  }
}
