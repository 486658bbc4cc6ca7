package org.leadgate.consent.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.consent.mail.MailFixtures.CONFIRM_URL;
import static org.leadgate.consent.mail.MailFixtures.MESSAGE_ID;
import static org.leadgate.consent.mail.MailFixtures.MINIMAL;
import static org.leadgate.consent.mail.MailFixtures.PURPOSE;
import static org.leadgate.consent.mail.MailFixtures.TO;
import static org.leadgate.consent.mail.MailFixtures.WITHDRAW_URL;
import static org.leadgate.consent.mail.MailFixtures.template;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadgate.config.ConfigException;

class DoiMailTemplateTest {
  private static final String NEUTRAL_BODY = """
      Bitte bestätigen Sie Ihre Anmeldung: {confirmUrl}
      Widerruf: {withdrawUrl}
      """;

  /** The configuration with this body (YAML block), the other keys minimal. */
  private static String withBody(String body) {
    return MINIMAL + "  body: |\n" + body.indent(4);
  }

  private static ConfigException refused(String yaml) {
    return assertThrows(ConfigException.class, () -> template(yaml));
  }

  private static void assertRefusedAt(String key, String yaml, String... mentioned) {
    ConfigException e = refused(yaml);
    assertEquals(key, e.key(), e::getMessage);
    assertTrue(e.getMessage().contains(key), e::getMessage);
    for (String part : mentioned) {
      assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
    }
  }

  // --- what the body must not contain ----------------------------------------------------------------------------

  @Test
  void bodyWithAnImageIsRefusedNamingTheTag() {
    assertRefusedAt("consent.doiMail.body",
        withBody("<img src=\"https://t.acme.example/p.gif\" width=\"1\" height=\"1\">\n" + NEUTRAL_BODY),
        "images or tracking pixels", "<img");
  }

  @Test
  void bodyWithALinkTagIsRefusedAsHtml() {
    assertRefusedAt("consent.doiMail.body",
        withBody("<a href=\"{confirmUrl}\">Bestätigen</a>\nWiderruf: {withdrawUrl}\n"),
        "HTML", "'<a'");
  }

  @Test
  void bodyWithALiteralUrlIsRefusedNamingIt() {
    assertRefusedAt("consent.doiMail.body",
        withBody(NEUTRAL_BODY + "Besuchen Sie uns: https://shop.example\n"),
        "links other than {confirmUrl} and {withdrawUrl}", "https://shop.example");
  }

  @Test
  void bodyWithAWwwAddressIsRefusedLikeALink() {
    assertRefusedAt("consent.doiMail.body", withBody(NEUTRAL_BODY + "www.shop.example\n"), "www.shop.example");
  }

  @Test
  void bodyWithADiscountIsRefusedNamingThePromotionalWord() {
    assertRefusedAt("consent.doiMail.body", withBody("Jetzt 10% Rabatt!\n" + NEUTRAL_BODY), "advertise",
        "'Rabatt'");
  }

  @Test
  void bodyWithAPercentSignIsRefused() {
    assertRefusedAt("consent.doiMail.body", withBody("Sie sparen 10 %.\n" + NEUTRAL_BODY), "'%'");
  }

  @Test
  void bodyThatWelcomesIsRefusedAsLgStendalCountedItAsAdvertising() {
    assertRefusedAt("consent.doiMail.body", withBody("Willkommen bei ACME!\n" + NEUTRAL_BODY), "'Willkommen'",
        "LG Stendal");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ANGEBOT", "Sonderangebot", "gratis", "Kostenlos", "Gutscheincode", "Sale", "Aktion",
      "Jetzt  kaufen", "Willkommensgeschenk", "Welcome", "offer", "Discounts", "FREE", "deal", "Newsletter-Vorteil"})
  void promotionalWordsAreRefusedWhateverTheirCase(String word) {
    assertRefusedAt("consent.doiMail.body", withBody(NEUTRAL_BODY + "Ihr " + word + " wartet.\n"),
        "'" + word + "'");
  }

  @Test
  void wordsThatMerelyContainAPromotionalWordPass() {
    template(withBody(NEUTRAL_BODY + "Redaktion und Transaktion am Freitag, Salesforce-Team, Offenbach.\n"));
  }

  @Test
  void bodyWithoutTheConfirmationLinkIsRefused() {
    assertRefusedAt("consent.doiMail.body", withBody("Widerruf: {withdrawUrl}\n"), "{confirmUrl}");
  }

  @Test
  void bodyWithoutTheWithdrawalLinkIsRefused() {
    assertRefusedAt("consent.doiMail.body", withBody("Bestätigen: {confirmUrl}\n"), "{withdrawUrl}");
  }

  @Test
  void bodyWithAnUnknownPlaceholderIsRefusedSoThatATypoDoesNotReachTheReader() {
    assertRefusedAt("consent.doiMail.body", withBody(NEUTRAL_BODY + "Hallo {firstName}\n"), "'{firstName}'");
  }

  @Test
  void anAddressInAngleBracketsIsPlainTextNotHtml() {
    template(withBody(NEUTRAL_BODY + "Fragen: <datenschutz@acme.example>\n"));
  }

  // --- subject, sender and From ----------------------------------------------------------------------------------

  @Test
  void subjectWithALineBreakIsRefusedSoThatItCannotAddAHeader() {
    assertRefusedAt("consent.doiMail.subject", MINIMAL + "  subject: \"Bitte bestätigen\\r\\nBcc: x@y.de\"\n",
        "one line");
    assertRefusedAt("consent.doiMail.subject", MINIMAL + "  subject: \"Bitte bestätigen\\nBcc: x@y.de\"\n",
        "one line");
  }

  @Test
  void subjectGetsTheSameAdvertisingChecksAsTheBody() {
    assertRefusedAt("consent.doiMail.subject", MINIMAL + "  subject: \"Willkommen! Bitte bestätigen\"\n",
        "'Willkommen'");
    assertRefusedAt("consent.doiMail.subject", MINIMAL + "  subject: \"Bestätigen und 10% sparen\"\n", "'%'");
    assertRefusedAt("consent.doiMail.subject", MINIMAL + "  subject: \"<b>Bitte bestätigen</b>\"\n", "HTML");
  }

  @Test
  void senderDataMustBeNeutralToo() {
    assertRefusedAt("consent.doiMail.sender", MINIMAL + "  sender: \"ACME GmbH, www.acme.example\"\n",
        "www.acme.example");
    assertRefusedAt("consent.doiMail.sender", MINIMAL + "  sender: \"ACME GmbH – die Nr. 1 für Angebote\"\n",
        "'Angebote'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-reply", "ACME GmbH <no-reply@>", "a@acme.example, b@acme.example", "ACME <a@b",
      "Team: a@acme.example;"})
  void invalidFromAddressIsRefusedAtItsKey(String from) {
    assertRefusedAt("consent.doiMail.from", "doiMail:\n  from: \"" + from + "\"\n");
  }

  @Test
  void fromWithALineBreakIsRefused() {
    assertRefusedAt("consent.doiMail.from", "doiMail:\n  from: \"no-reply@acme.example\\r\\nBcc: x@y.de\"\n",
        "one line");
  }

  @Test
  void fromDisplayNameThatAdvertisesIsRefused() {
    assertRefusedAt("consent.doiMail.from", "doiMail:\n  from: \"Welcome to ACME <no-reply@acme.example>\"\n",
        "display name", "'Welcome'");
  }

  @Test
  void aTemplateBuiltFromHandMadeSettingsIsCheckedAsWell() {
    MailSettings.DoiMail handMade = new MailSettings.DoiMail(MailFixtures.FROM, "Bestätigung", "ACME GmbH",
        "<img src=x> {confirmUrl} {withdrawUrl}", "consent.doiMail");
    MailSettings settings = new MailSettings(Optional.empty(), handMade, handMade);
    ConfigException e = assertThrows(ConfigException.class, () -> new DoiMailTemplate(settings));
    assertEquals("consent.doiMail.body", e.key());
  }

  // --- the default mail ------------------------------------------------------------------------------------------

  @Test
  void defaultBodyPassesTheChecksAndIsNeutral() {
    assertEquals(Optional.empty(), DoiMailTemplate.advertising(MailSettings.DEFAULT_SUBJECT));
    DoiMailTemplate template = template(MINIMAL);
    assertEquals(MailSettings.DEFAULT_BODY, template.body());

    OutgoingMail mail = template.render(MESSAGE_ID, TO, PURPOSE, CONFIRM_URL, WITHDRAW_URL);
    assertTrue(mail.body().contains(CONFIRM_URL), mail.body());
    assertTrue(mail.body().contains(WITHDRAW_URL), mail.body());
    assertTrue(mail.body().contains(PURPOSE), mail.body());
    assertTrue(mail.body().contains("ACME GmbH (no-reply@acme.example)"), mail.body());
    assertTrue(mail.body().contains("bestätigen") && mail.body().contains("confirm"), "German and English");
    assertFalse(mail.body().contains("{"), "every placeholder filled in: " + mail.body());
    String withoutLinks = mail.body().replace(CONFIRM_URL, "").replace(WITHDRAW_URL, "");
    assertEquals(Optional.empty(), DoiMailTemplate.advertising(withoutLinks));
    String lower = withoutLinks.toLowerCase(Locale.ROOT);
    for (String word : List.of("angebot", "rabatt", "gratis", "kostenlos", "gutschein", "sale", "aktion", "willkommen",
        "welcome", "offer", "discount", "free", "deal", "vorteil", "%", "http", "<")) {
      assertFalse(lower.contains(word), () -> "default body contains '" + word + "'");
    }
  }

  @Test
  void defaultRepermissionMailPassesTheChecksAndIsNeutral() {
    DoiMailTemplate template = new DoiMailTemplate(MailFixtures.settings(MINIMAL).repermissionMail());
    assertEquals(MailSettings.DEFAULT_REPERMISSION_SUBJECT, template.subject());
    assertNotEquals(template(MINIMAL).version(), template.version(), "its own content version for the proof");

    OutgoingMail mail = template.render(MESSAGE_ID, TO, PURPOSE, CONFIRM_URL, WITHDRAW_URL);
    assertTrue(mail.body().contains(CONFIRM_URL) && mail.body().contains(WITHDRAW_URL), mail.body());
    assertTrue(mail.body().contains(PURPOSE), mail.body());
    assertTrue(mail.body().contains("ACME GmbH (no-reply@acme.example)"), mail.body());
    assertTrue(mail.body().contains("weiter gelten") && mail.body().contains("remain in force"), mail.body());
    assertFalse(mail.body().contains("{"), "every placeholder filled in: " + mail.body());
    String withoutLinks = mail.body().replace(CONFIRM_URL, "").replace(WITHDRAW_URL, "");
    assertEquals(Optional.empty(), DoiMailTemplate.advertising(withoutLinks));
    assertEquals(Optional.empty(), DoiMailTemplate.advertising(mail.subject()));
  }

  @Test
  void renderFillsInThePlaceholdersAndKeepsTheSubject() {
    DoiMailTemplate template = template(MINIMAL + """
          subject: "Anmeldung bestätigen"
          sender: "ACME GmbH, Musterstraße 1, 10115 Berlin"
          body: |
            Zweck: {purpose}
            Bestätigen: {confirmUrl}
            Widerruf: {withdrawUrl}
            {sender}
        """);
    OutgoingMail mail = template.render(MESSAGE_ID, TO, "Infos zu {confirmUrl}", CONFIRM_URL, WITHDRAW_URL);
    assertEquals("Zweck: Infos zu {confirmUrl}\nBestätigen: " + CONFIRM_URL + "\nWiderruf: " + WITHDRAW_URL
        + "\nACME GmbH, Musterstraße 1, 10115 Berlin", mail.body(), "filled in once, values not expanded again");
    assertEquals("Anmeldung bestätigen", mail.subject());
    assertEquals(MESSAGE_ID, mail.messageId());
    assertEquals(TO, mail.to());
    assertEquals(WITHDRAW_URL, mail.withdrawUrl());
  }

  @Test
  void versionChangesWithTheWording() {
    String first = template(MINIMAL).version();
    assertTrue(first.matches("sha256:[0-9a-f]{64}"), first);
    assertEquals(first, template(MINIMAL).version());
    assertNotEquals(first, template(MINIMAL + "  subject: \"Anmeldung bestätigen\"\n").version());
  }

  // --- render: nothing may break a header ------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"a@b.de\r\nBcc: x@y.de", "a@b.de\nBcc: x@y.de", "a@b.de\rBcc: x@y.de"})
  void renderRefusesARecipientWithALineBreak(String to) {
    DoiMailTemplate template = template(MINIMAL);
    assertThrows(IllegalArgumentException.class,
        () -> template.render(MESSAGE_ID, to, PURPOSE, CONFIRM_URL, WITHDRAW_URL));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"Bcc: x@y.de\" <a@b.de>", "Erika <a@b.de>", "<a@b.de>", "a@b.de, x@y.de",
      "a@b.de;x@y.de", "a@b.de (Kommentar)", "=?UTF-8?B?QmNjOiB4QHkuZGU=?= <a@b.de>", "x@y.de <a@b.de>", "no-address",
      ""})
  void renderRefusesAnythingButOneBareAddress(String to) {
    DoiMailTemplate template = template(MINIMAL);
    assertThrows(IllegalArgumentException.class,
        () -> template.render(MESSAGE_ID, to, PURPOSE, CONFIRM_URL, WITHDRAW_URL));
  }

  @Test
  void renderRefusesAMalformedMessageIdOrLink() {
    DoiMailTemplate template = template(MINIMAL);
    assertThrows(IllegalArgumentException.class,
        () -> template.render("<a@b>\r\nBcc: x@y.de", TO, PURPOSE, CONFIRM_URL, WITHDRAW_URL));
    assertThrows(IllegalArgumentException.class,
        () -> template.render("no-angle-brackets@leadgate", TO, PURPOSE, CONFIRM_URL, WITHDRAW_URL));
    assertThrows(IllegalArgumentException.class,
        () -> template.render(MESSAGE_ID, TO, PURPOSE, CONFIRM_URL, WITHDRAW_URL + ">\r\nBcc: x@y.de"));
    assertThrows(IllegalArgumentException.class,
        () -> template.render(MESSAGE_ID, TO, PURPOSE, "javascript:alert(1)", WITHDRAW_URL));
    assertThrows(IllegalArgumentException.class,
        () -> template.render(MESSAGE_ID, TO, " ", CONFIRM_URL, WITHDRAW_URL));
  }
}
