package org.leadgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadgate.consent.Channel;

/** The consent part of the configuration: what a form may ask for, and what is refused at startup. */
class ConsentConfigTest {
  private static final String CONSENT = """
      consent:
        baseUrl: https://leads.example.de
        purposes:
          - { id: newsletter, description: the ACME newsletter }
          - { id: sales-calls, description: calls from ACME sales, presumedB2bPhone: true }
        wordings:
          - { id: nl-v1, text: "Yes, send me the ACME newsletter." }
          - { id: calls-v1, text: "Yes, ACME may call me." }
        doiMail: { from: "ACME <no-reply@acme.example>" }
      """;
  private static final String FIELDS = """
          fields:
            - { name: email, type: email, required: true }
            - { name: phone, type: phone }
      """;

  private static GatewayConfig parse(String yaml) {
    try {
      return new ConfigLoader(Map.<String, String>of()::get)
          .parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ConfigException refused(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml));
  }

  private static String form(String consents) {
    return CONSENT + "forms:\n  - id: contact\n" + FIELDS + "    consents:\n" + consents;
  }

  @Test
  void aFormMayAskForEmailAndPhoneConsentWithDeclaredPurposesAndWordings() {
    GatewayConfig config = parse(form("""
              - { field: nlOptIn, channel: email, purpose: newsletter, wording: nl-v1 }
              - { field: callOptIn, channel: phone, purpose: sales-calls, wording: calls-v1 }
        """));

    FormConfig form = config.form("contact").orElseThrow();
    assertEquals(Channel.EMAIL, form.consents().get(0).channel());
    assertEquals("sales-calls", form.consents().get(1).purpose());
    assertTrue(config.consent().purpose("sales-calls").orElseThrow().presumedB2bPhone());
    assertEquals(64, config.consent().wording("nl-v1").orElseThrow().sha256().length());
  }

  @Test
  void aPreTickedConsentBoxIsRefused() {
    ConfigException e = refused(form("""
              - { field: nlOptIn, channel: email, purpose: newsletter, wording: nl-v1, checked: true }
        """));

    assertEquals("forms[0].consents[0].checked", e.key());
    assertTrue(e.getMessage().contains("pre-ticked"));
  }

  @Test
  void oneBoxSharedByTwoPurposesIsRefused() {
    ConfigException e = refused(form("""
              - { field: optIn, channel: email, purpose: newsletter, wording: nl-v1 }
              - { field: optIn, channel: phone, purpose: sales-calls, wording: calls-v1 }
        """));

    assertEquals("forms[0].consents[1].field", e.key());
  }

  @Test
  void anUnknownPurposeOrWordingIsRefusedAtItsKey() {
    assertEquals("forms[0].consents[0].purpose", refused(form("""
              - { field: optIn, channel: email, purpose: product-news, wording: nl-v1 }
        """)).key());
    assertEquals("forms[0].consents[0].wording", refused(form("""
              - { field: optIn, channel: email, purpose: newsletter, wording: nl-v2 }
        """)).key());
  }

  @Test
  void emailConsentNeedsAnEmailFieldInTheForm() {
    ConfigException e = refused(CONSENT + """
        forms:
          - id: contact
            fields: [ { name: phone, type: phone } ]
            consents:
              - { field: nlOptIn, channel: email, purpose: newsletter, wording: nl-v1 }
        """);

    assertEquals("forms[0].consents[0].channel", e.key());
  }

  @Test
  void aConsentBoxCannotReuseTheNameOfAFormField() {
    assertEquals("forms[0].consents[0].field", refused(form("""
              - { field: phone, channel: phone, purpose: sales-calls, wording: calls-v1 }
        """)).key());
  }

  @Test
  void askingForConsentNeedsThePublicUrlForTheLinksInMails() {
    ConfigException e = refused(form("""
              - { field: nlOptIn, channel: email, purpose: newsletter, wording: nl-v1 }
        """).replace("  baseUrl: https://leads.example.de\n", ""));

    assertEquals("consent.baseUrl", e.key());
  }

  @Test
  void anUnknownAudienceIsRefusedAndAMissingOneCountsAsConsumers() {
    assertEquals(FormConfig.Audience.UNKNOWN, parse(form("")).form("contact").orElseThrow().audience());
    assertEquals("forms[0].audience", refused(CONSENT + "forms:\n  - id: contact\n    audience: business\n"
        + FIELDS).key());
  }

  @Test
  void presumedConsentCannotCoverAutomatedCallingMachines() {
    ConfigException e = refused(CONSENT.replace("presumedB2bPhone: true }", "presumedB2bPhone: true,"
        + " automatedCalls: true }") + "forms:\n  - id: contact\n" + FIELDS);

    assertEquals("consent.purposes[1].presumedB2bPhone", e.key());
    assertTrue(e.getMessage().contains("automated calling machines"));
  }

  @Test
  void aMinimumAgeNeedsADateFieldForTheBirthDate() {
    assertEquals("forms[0].birthDateField", refused(CONSENT + "forms:\n  - id: contact\n    minimumAge: 16\n"
        + "    birthDateField: email\n" + FIELDS).key());
  }

  @Test
  void tokensCarryRolesAndAnUnknownRoleIsRefused() {
    GatewayConfig config = parse(CONSENT + """
        admin:
          tokens:
            - { name: officer, token: compliance-token-0123456789, roles: [compliance] }
        forms:
          - id: contact
        """ + FIELDS);
    assertEquals(java.util.Set.of("compliance"), config.admin().tokens().get(0).roles());

    assertEquals("admin.tokens[0].roles", refused(CONSENT + """
        admin:
          tokens:
            - { name: officer, token: compliance-token-0123456789, roles: [auditor] }
        forms:
          - id: contact
        """ + FIELDS).key());
  }
}
