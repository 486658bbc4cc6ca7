package org.leadgate.consent.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;

/** The confirmation SMS: neutral, only the confirmation link, shorter than two SMS with every purpose. */
class SmsTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final URI BASE_URL = URI.create("https://leads.acme-gmbh.example/");
  private static final List<String> PURPOSES = List.of("calls from ACME sales about widgets",
      "Anrufe des ACME-Kundendienstes zu Ihren Widgets");
  private static final String LINK = "https://leads.acme-gmbh.example/consent/confirm/" + "T".repeat(43);

  private static SmsSettings settings(Map<String, String> sms) {
    ObjectNode consent = JSON.createObjectNode();
    consent.set("sms", JSON.valueToTree(sms));
    return SmsSettings.from(ConfigNode.of(consent, "consent"), "ACME GmbH");
  }

  private static ConfigException refused(Map<String, String> sms) {
    return assertThrows(ConfigException.class, () -> new SmsTemplate(settings(sms), BASE_URL, PURPOSES));
  }

  @Test
  void theDefaultTextIsNeutralNamesSenderAndPurposeAndFitsInTwoSms() {
    SmsTemplate template = new SmsTemplate(settings(Map.of()), BASE_URL, PURPOSES);

    String text = template.render(PURPOSES.get(1), LINK);

    assertEquals("ACME GmbH: Bitte bestätigen Sie Ihre Einwilligung (please confirm your consent): Anrufe des"
        + " ACME-Kundendienstes zu Ihren Widgets " + LINK + " Nicht angefordert? Dann ignorieren Sie diese SMS.",
        text);
    assertTrue(text.length() < SmsTemplate.MAX_LENGTH, text.length() + " characters");
    assertTrue(template.version().matches("sha256:[0-9a-f]{64}"), template.version());
  }

  @Test
  void placeholdersAreFilledOnceAndTheVersionFollowsTheText() {
    SmsTemplate template = new SmsTemplate(settings(Map.of("sender", "Widget AG", "text",
        "{sender} bittet um Bestätigung: {purpose} {confirmUrl}")), BASE_URL, PURPOSES);

    assertEquals("Widget AG bittet um Bestätigung: {sender} {confirmUrl} " + LINK,
        template.render("{sender} {confirmUrl}", LINK));
    assertNotEquals(new SmsTemplate(settings(Map.of()), BASE_URL, PURPOSES).version(), template.version());
  }

  @Test
  void aTextThatAdvertisesIsRefusedNamingTheWord() {
    for (String text : List.of("Jetzt bestätigen und 10 Euro Rabatt sichern: {confirmUrl}",
        "Exklusiv für Sie: {confirmUrl}", "Confirm now and get a free gift: {confirmUrl}",
        "Bestätigen Sie: {confirmUrl} - 20% auf alles")) {
      ConfigException e = refused(Map.of("text", text));

      assertEquals("consent.sms.text", e.key(), text);
      assertTrue(e.getMessage().contains("must not advertise"), e.getMessage());
    }
  }

  @Test
  void aSenderNameThatAdvertisesIsRefused() {
    ConfigException e = refused(Map.of("sender", "ACME - die besten Angebote"));

    assertEquals("consent.sms.sender", e.key());
    assertTrue(e.getMessage().contains("'Angebote'"), e.getMessage());
  }

  @Test
  void aTextWithAnotherLinkOrWithoutTheConfirmationLinkIsRefused() {
    ConfigException other = refused(Map.of("text", "Bestätigen: {confirmUrl} Mehr: https://shop.acme.example"));
    assertEquals("consent.sms.text", other.key());
    assertTrue(other.getMessage().contains("https://shop.acme.example"), other.getMessage());

    ConfigException none = refused(Map.of("text", "Bitte bestätigen Sie Ihre Einwilligung."));
    assertEquals("consent.sms.text", none.key());
    assertTrue(none.getMessage().contains("must contain {confirmUrl}"), none.getMessage());

    ConfigException unknown = refused(Map.of("text", "Hallo {firstName}: {confirmUrl}"));
    assertTrue(unknown.getMessage().contains("unknown placeholder '{firstName}'"), unknown.getMessage());
  }

  @Test
  void aTextTooLongForTwoSmsWithTheLongestPurposeIsRefusedNamingThePurpose() {
    String text = "{sender}: " + "Bitte bestätigen Sie Ihre Einwilligung. ".repeat(5) + "{purpose} {confirmUrl}";

    ConfigException e = refused(Map.of("text", text));

    assertEquals("consent.sms.text", e.key());
    assertTrue(e.getMessage().contains("shorter than 320 characters"), e.getMessage());
    assertTrue(e.getMessage().contains("'" + PURPOSES.get(1) + "'"), e.getMessage());
    new SmsTemplate(settings(Map.of("text", text)), BASE_URL, List.of("Anrufe"));
  }

  @Test
  void aPurposeUnknownAtStartupThatMakesTheTextTooLongIsRefusedWhenRendering() {
    SmsTemplate template = new SmsTemplate(settings(Map.of()), BASE_URL, PURPOSES);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> template.render("x".repeat(200), LINK));
    assertFalse(e.getMessage().contains("xxx"), "the text is not echoed");
  }
}
