package org.leadgate.consent.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.consent.mail.MailFixtures.FROM;
import static org.leadgate.consent.mail.MailFixtures.assertConfirmationMail;
import static org.leadgate.consent.mail.MailFixtures.mail;
import static org.leadgate.consent.mail.MailFixtures.settings;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpMailSenderTest {
  private static final String LOGIN = "leadgate";
  private static final String PASSWORD = "s3cret-Passw0rd";

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer@acme.example", LOGIN, PASSWORD));

  /** SMTP settings for a server on this host; {@code extra} are further lines of the {@code smtp} section. */
  private static MailSettings smtp(int port, String extra) {
    return settings(MailFixtures.MINIMAL + """
        smtp:
          host: 127.0.0.1
          port: %d
          timeout: 2s
        """.formatted(port) + extra.indent(2));
  }

  private static SmtpMailSender sender(MailSettings settings) {
    return new SmtpMailSender(settings.smtp().orElseThrow(), settings.doiMail().from());
  }

  private static int greenMailPort() {
    return GREEN_MAIL.getSmtp().getPort();
  }

  @Test
  void confirmationMailReachesTheServerWithItsHeadersAndPlainTextBody() throws Exception {
    try (SmtpMailSender sender = sender(smtp(greenMailPort(), "security: none"))) {
      sender.send(mail());
    }
    assertTrue(GREEN_MAIL.waitForIncomingEmail(5_000, 1));
    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertEquals(1, received.length);
    assertConfirmationMail(received[0]);
  }

  @Test
  void senderLogsInWithTheConfiguredUsernameAndPassword() throws Exception {
    try (SmtpMailSender sender = sender(smtp(greenMailPort(),
        "security: none\nusername: " + LOGIN + "\npassword: " + PASSWORD))) {
      sender.send(mail());
    }
    assertTrue(GREEN_MAIL.waitForIncomingEmail(5_000, 1));
    assertConfirmationMail(GREEN_MAIL.getReceivedMessages()[0]);
  }

  @Test
  void aWrongPasswordIsADeliveryFailure() {
    SmtpMailSender sender = sender(smtp(greenMailPort(), "security: none\nusername: " + LOGIN + "\npassword: wrong"));
    MailDeliveryException e = assertThrows(MailDeliveryException.class, () -> sender.send(mail()));
    assertTrue(e.getMessage().contains(MailFixtures.MESSAGE_ID), e.getMessage());
    assertFalse(e.getMessage().contains("wrong"), "the password is not repeated: " + e.getMessage());
    assertEquals(0, GREEN_MAIL.getReceivedMessages().length);
  }

  @Test
  void starttlsIsRequiredNotOpportunisticSoAServerWithoutItGetsNothing() {
    // GreenMail's plain SMTP server does not offer STARTTLS; security defaults to starttls
    SmtpMailSender sender = sender(smtp(greenMailPort(), "username: " + LOGIN + "\npassword: " + PASSWORD));
    MailDeliveryException e = assertThrows(MailDeliveryException.class, () -> sender.send(mail()));
    assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
    assertEquals(0, GREEN_MAIL.getReceivedMessages().length);
  }

  @Test
  void anUnreachablePortIsADeliveryFailureNotAHang() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    SmtpMailSender sender = sender(smtp(closedPort, "security: none\ntimeout: 500ms"));
    MailDeliveryException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(MailDeliveryException.class, () -> sender.send(mail())));
    assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
    assertFalse(e.permanent(), "worth trying again later");
  }

  @Test
  void aServerThatNeverAnswersTimesOutInsteadOfHoldingTheCaller() throws Exception {
    // the kernel accepts the connection into the backlog, but nobody ever sends the SMTP greeting
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      SmtpMailSender sender = sender(smtp(silent.getLocalPort(), "security: none\ntimeout: 300ms"));
      long start = System.nanoTime();
      assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> assertThrows(MailDeliveryException.class, () -> sender.send(mail())));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
    }
  }

  @Test
  void aMailWithALineBreakInAHeaderValueIsNeverSent() {
    SmtpMailSender sender = sender(smtp(greenMailPort(), "security: none"));
    OutgoingMail good = mail();
    OutgoingMail injected = new OutgoingMail(good.messageId(), good.to(), "Bestätigung\r\nBcc: x@y.de", good.body(),
        good.withdrawUrl());
    assertThrows(IllegalArgumentException.class, () -> sender.send(injected));
    assertEquals(0, GREEN_MAIL.getReceivedMessages().length);
  }

  @Test
  void sessionUsesTheTimeoutAndTheChosenSecurity() {
    var starttls = SmtpMailSender.sessionProperties(smtp(587, "timeout: 7s").smtp().orElseThrow());
    assertEquals("7000", starttls.getProperty("mail.smtp.connectiontimeout"));
    assertEquals("7000", starttls.getProperty("mail.smtp.timeout"));
    assertEquals("7000", starttls.getProperty("mail.smtp.writetimeout"));
    assertEquals("true", starttls.getProperty("mail.smtp.starttls.enable"));
    assertEquals("true", starttls.getProperty("mail.smtp.starttls.required"));
    assertEquals("false", starttls.getProperty("mail.smtp.auth"));

    var tls = SmtpMailSender.sessionProperties(smtp(465, "security: tls\nusername: u\npassword: p").smtp()
        .orElseThrow());
    assertEquals("true", tls.getProperty("mail.smtp.ssl.enable"));
    assertEquals("true", tls.getProperty("mail.smtp.ssl.checkserveridentity"));
    assertEquals("true", tls.getProperty("mail.smtp.auth"));
    assertFalse(tls.containsValue("p"), "credentials are passed to connect(), not kept in the session");

    var none = SmtpMailSender.sessionProperties(smtp(25, "security: none").smtp().orElseThrow());
    assertEquals("false", none.getProperty("mail.smtp.starttls.enable"));
    assertEquals(null, none.getProperty("mail.smtp.ssl.enable"));
  }

  @Test
  void senderRefusesAnInvalidFromAddress() {
    MailSettings.Smtp smtp = smtp(587, "").smtp().orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> new SmtpMailSender(smtp, "not an address"));
    new SmtpMailSender(smtp, FROM).close();
  }
}
