package org.leadgate.consent.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.consent.mail.MailFixtures.MINIMAL;
import static org.leadgate.consent.mail.MailFixtures.consent;
import static org.leadgate.consent.mail.MailFixtures.settings;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leadgate.config.ConfigException;

class MailSettingsTest {
  private static void assertRefusedAt(String key, String yaml, String... mentioned) {
    ConfigException e = assertThrows(ConfigException.class, () -> settings(yaml));
    assertEquals(key, e.key(), e::getMessage);
    for (String part : mentioned) {
      assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
    }
  }

  @Test
  void withoutSmtpOnlyTheFromAddressIsNeededAndTheRestHasDefaults() {
    MailSettings settings = settings(MINIMAL);
    assertEquals(Optional.empty(), settings.smtp());
    assertEquals("ACME GmbH <no-reply@acme.example>", settings.doiMail().from());
    assertEquals(MailSettings.DEFAULT_SUBJECT, settings.doiMail().subject());
    assertEquals("ACME GmbH (no-reply@acme.example)", settings.doiMail().sender());
    assertEquals(MailSettings.DEFAULT_BODY, settings.doiMail().body());
    assertEquals("consent.doiMail", settings.doiMail().configPath());
  }

  @Test
  void theRepermissionMailComesFromTheConfirmationMailsSenderWithItsOwnDefaultWording() {
    MailSettings.DoiMail repermission = settings(MINIMAL).repermissionMail();
    assertEquals("ACME GmbH <no-reply@acme.example>", repermission.from());
    assertEquals("ACME GmbH (no-reply@acme.example)", repermission.sender());
    assertEquals(MailSettings.DEFAULT_REPERMISSION_SUBJECT, repermission.subject());
    assertEquals(MailSettings.DEFAULT_REPERMISSION_BODY, repermission.body());
    assertEquals("consent.repermissionMail", repermission.configPath());
  }

  @Test
  void theRepermissionMailsWordingCanBeConfigured() {
    MailSettings.DoiMail repermission = settings(MINIMAL + """
        repermissionMail:
          subject: "Einwilligung erneuern"
          body: "Weiter erhalten: {purpose} {confirmUrl} Widerruf: {withdrawUrl}"
        """).repermissionMail();
    assertEquals("Einwilligung erneuern", repermission.subject());
    assertEquals("Weiter erhalten: {purpose} {confirmUrl} Widerruf: {withdrawUrl}", repermission.body());
  }

  @Test
  void aRepermissionMailThatAdvertisesOrLacksItsLinksIsRefusedAtItsKey() {
    assertRefusedAt("consent.repermissionMail.body", MINIMAL + """
        repermissionMail:
          body: "Jetzt mit Sonderangebot! {confirmUrl} {withdrawUrl}"
        """, "Sonderangebot");
    assertRefusedAt("consent.repermissionMail.body", MINIMAL + """
        repermissionMail:
          body: "Bitte bestätigen: {confirmUrl}"
        """, "{withdrawUrl}");
    assertRefusedAt("consent.repermissionMail.from", MINIMAL + """
        repermissionMail:
          from: other@acme.example
        """, "from");
  }

  @Test
  void senderDefaultsToTheBareAddressWhenFromHasNoDisplayName() {
    assertEquals("no-reply@acme.example", settings("doiMail:\n  from: no-reply@acme.example\n").doiMail().sender());
  }

  @Test
  void smtpSectionIsReadWithItsDefaults() {
    MailSettings.Smtp smtp = settings(MINIMAL + "smtp:\n  host: smtp.acme.example\n").smtp().orElseThrow();
    assertEquals("smtp.acme.example", smtp.host());
    assertEquals(587, smtp.port());
    assertEquals(MailSettings.Security.STARTTLS, smtp.security());
    assertEquals(Optional.empty(), smtp.username());
    assertEquals(Duration.ofSeconds(10), smtp.timeout());
  }

  @Test
  void smtpSectionIsReadInFull() {
    MailSettings.Smtp smtp = settings(MINIMAL + """
        smtp:
          host: smtp.acme.example
          port: 2525
          username: leadgate
          password: s3cret
          security: TLS
          timeout: 1500ms
        """).smtp().orElseThrow();
    assertEquals(new MailSettings.Smtp("smtp.acme.example", 2525, Optional.of("leadgate"), Optional.of("s3cret"),
        MailSettings.Security.TLS, Duration.ofMillis(1500)), smtp);
    assertFalse(smtp.toString().contains("s3cret"), smtp::toString);
  }

  @Test
  void implicitTlsDefaultsToPort465() {
    assertEquals(465, settings(MINIMAL + "smtp:\n  host: h.example\n  security: tls\n").smtp().orElseThrow().port());
  }

  @Test
  void badSmtpValuesAreRefusedAtTheirKey() {
    assertRefusedAt("consent.smtp.host", MINIMAL + "smtp:\n  port: 25\n", "required");
    assertRefusedAt("consent.smtp.host", MINIMAL + "smtp:\n  host: smtp://smtp.acme.example\n", "host name");
    assertRefusedAt("consent.smtp.port", MINIMAL + "smtp:\n  host: h.example\n  port: 70000\n");
    assertRefusedAt("consent.smtp.security", MINIMAL + "smtp:\n  host: h.example\n  security: ssl\n",
        "starttls, tls or none");
    assertRefusedAt("consent.smtp.timeout", MINIMAL + "smtp:\n  host: h.example\n  timeout: soon\n");
    assertRefusedAt("consent.smtp.timeout", MINIMAL + "smtp:\n  host: h.example\n  timeout: 0s\n");
    assertRefusedAt("consent.smtp.password", MINIMAL + "smtp:\n  host: h.example\n  username: u\n",
        "consent.smtp.username");
    assertRefusedAt("consent.smtp.username", MINIMAL + "smtp:\n  host: h.example\n  password: p\n");
    assertRefusedAt("consent.smtp", MINIMAL + "smtp: smtp.acme.example\n", "mapping");
  }

  @Test
  void unknownKeysInTheMailSectionsAreRefused() {
    assertRefusedAt("consent.smtp.hostname", MINIMAL + "smtp:\n  hostname: h.example\n", "unknown key");
    assertRefusedAt("consent.doiMail.htmlBody", MINIMAL + "  htmlBody: x\n", "unknown key");
  }

  @Test
  void otherKeysOfTheConsentSectionAreLeftToTheirOwner() {
    MailSettings settings = MailSettings.from(consent("""
        baseUrl: https://leads.acme.example
        purposes: []
        doi: { tokenValidity: 7d }
        """ + MINIMAL));
    assertEquals(Optional.empty(), settings.smtp());
  }

  @Test
  void fromIsRequired() {
    assertRefusedAt("consent.doiMail.from", "doiMail:\n  subject: Bitte bestätigen\n", "required");
    assertRefusedAt("consent.doiMail.from", "smtp:\n  host: h.example\n", "required");
  }

  @Test
  void templateErrorsAlreadyStopTheReadingOfTheSettings() {
    assertRefusedAt("consent.doiMail.body", MINIMAL + "  body: \"Willkommen {confirmUrl} {withdrawUrl}\"\n",
        "'Willkommen'");
  }
}
