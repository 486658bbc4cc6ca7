package org.leadgate.consent.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.leadgate.config.ConfigNode;

/** Configuration from YAML, a rendered confirmation mail, and what every sent or written copy of it must show. */
final class MailFixtures {
  static final String FROM = "ACME GmbH <no-reply@acme.example>";
  static final String TO = "erika.mustermann@example.de";
  static final String MESSAGE_ID = "<3f2c9a1e-0b7d-4c55-9e43-1d2f7a8b6c01@leadgate.acme.example>";
  static final String CONFIRM_URL = "https://leads.acme.example/consent/confirm?token=c0nf1rm-T0ken_abc&x=1";
  static final String WITHDRAW_URL = "https://leads.acme.example/consent/withdraw?token=w1thdr4w-T0ken_xyz";
  static final String PURPOSE = "E-Mail-Informationen der ACME GmbH über Gabelstapler und Zubehör";

  /** Just the required key. */
  static final String MINIMAL = """
      doiMail:
        from: "ACME GmbH <no-reply@acme.example>"
      """;

  private MailFixtures() {}

  /** The {@code consent} section from YAML (the section's own keys, not wrapped in {@code consent:}). */
  static ConfigNode consent(String yaml) {
    try {
      return ConfigNode.of(new ObjectMapper(new YAMLFactory()).readTree(yaml), "consent");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static MailSettings settings(String yaml) {
    return MailSettings.from(consent(yaml));
  }

  static DoiMailTemplate template(String yaml) {
    return new DoiMailTemplate(settings(yaml));
  }

  /** The default confirmation mail to {@link #TO}. */
  static OutgoingMail mail() {
    return template(MINIMAL).render(MESSAGE_ID, TO, PURPOSE, CONFIRM_URL, WITHDRAW_URL);
  }

  /** What the confirmation mail must show, wherever it ends up (SMTP server or .eml file). */
  static void assertConfirmationMail(MimeMessage message) throws Exception {
    InternetAddress from = (InternetAddress) message.getFrom()[0];
    assertEquals("no-reply@acme.example", from.getAddress());
    assertEquals("ACME GmbH", from.getPersonal());
    assertArrayEquals(new InternetAddress[] {new InternetAddress(TO)}, message.getRecipients(Message.RecipientType.TO));
    assertNull(message.getRecipients(Message.RecipientType.CC));
    assertNull(message.getRecipients(Message.RecipientType.BCC));
    assertEquals(MailSettings.DEFAULT_SUBJECT, message.getSubject());
    assertArrayEquals(new String[] {MESSAGE_ID}, message.getHeader("Message-ID"), "Message-ID kept exactly");
    assertArrayEquals(new String[] {"<" + WITHDRAW_URL + ">"}, message.getHeader("List-Unsubscribe"));
    assertArrayEquals(new String[] {"List-Unsubscribe=One-Click"}, message.getHeader("List-Unsubscribe-Post"));
    assertArrayEquals(new String[] {"auto-generated"}, message.getHeader("Auto-Submitted"));
    assertTrue(message.getSentDate() != null, "Date header");

    assertTrue(message.isMimeType("text/plain"), "plain text, was " + message.getContentType());
    assertTrue(message.getContentType().toLowerCase().contains("charset=utf-8"), message.getContentType());
    Object content = message.getContent();
    assertFalse(content instanceof Multipart, "no multipart");
    String body = (String) content;
    assertTrue(body.contains(CONFIRM_URL), body);
    assertTrue(body.contains(WITHDRAW_URL), body);
    assertTrue(body.contains(PURPOSE), body);
    assertTrue(body.contains("ACME GmbH (no-reply@acme.example)"), body);

    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    message.writeTo(raw);
    String rawText = raw.toString(StandardCharsets.ISO_8859_1).toLowerCase();
    assertFalse(rawText.contains("text/html"), "no HTML part");
    assertFalse(rawText.contains("multipart/"), "no multipart");
  }
}
