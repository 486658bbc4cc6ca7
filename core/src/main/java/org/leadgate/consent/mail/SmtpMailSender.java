package org.leadgate.consent.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Hands each mail to an SMTP server over a new connection (STARTTLS, implicit TLS or plain, with login if a username
 * is configured). Connecting, reading and writing are bounded by the configured timeout, so a dead server cannot hold
 * the caller. Thread-safe.
 */
public final class SmtpMailSender implements MailSender {
  private final MailSettings.Smtp smtp;
  private final InternetAddress from;
  private final Clock clock;
  private final Session session;

  /**
   * @param from the From address ({@code ACME GmbH <no-reply@acme.example>})
   * @throws IllegalArgumentException if {@code from} is not one valid address
   */
  public SmtpMailSender(MailSettings.Smtp smtp, String from) {
    this(smtp, from, Clock.systemUTC());
  }

  /** As {@link #SmtpMailSender(MailSettings.Smtp, String)}, with the clock for the Date header. */
  public SmtpMailSender(MailSettings.Smtp smtp, String from, Clock clock) {
    this.smtp = smtp;
    this.from = MimeMessages.fromAddress(from);
    this.clock = clock;
    this.session = Session.getInstance(sessionProperties(smtp));
  }

  /** The Jakarta Mail properties for a server; the credentials are not among them (they go to connect()). */
  static Properties sessionProperties(MailSettings.Smtp smtp) {
    Properties properties = new Properties();
    String timeout = Long.toString(smtp.timeout().toMillis());
    properties.setProperty("mail.transport.protocol", "smtp");
    properties.setProperty("mail.smtp.host", smtp.host());
    properties.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
    properties.setProperty("mail.smtp.connectiontimeout", timeout);
    properties.setProperty("mail.smtp.timeout", timeout);
    properties.setProperty("mail.smtp.writetimeout", timeout);
    properties.setProperty("mail.smtp.auth", Boolean.toString(smtp.username().isPresent()));
    switch (smtp.security()) {
      case STARTTLS -> {
        properties.setProperty("mail.smtp.starttls.enable", "true");
        // not opportunistic: a server (or a man in the middle) that does not offer STARTTLS gets nothing
        properties.setProperty("mail.smtp.starttls.required", "true");
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
      case TLS -> {
        properties.setProperty("mail.smtp.ssl.enable", "true");
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
      case NONE -> properties.setProperty("mail.smtp.starttls.enable", "false");
    }
    return properties;
  }

  /**
   * @throws MailDeliveryException if the server could not be reached or did not take the mail;
   *     {@link MailDeliveryException#permanent()} when it refused it for good (5xx)
   * @throws IllegalArgumentException if the mail has a value that cannot go into a header (see {@link OutgoingMail})
   */
  @Override
  public void send(OutgoingMail mail) throws MailDeliveryException {
    MimeMessage message;
    try {
      message = MimeMessages.build(session, from, mail, clock.instant());
    } catch (MessagingException e) {
      throw new MailDeliveryException("could not build mail " + mail.messageId() + ": " + e.getMessage(), e);
    }
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(smtp.host(), smtp.port(), smtp.username().orElse(null), smtp.password().orElse(null));
      transport.sendMessage(message, message.getAllRecipients());
    } catch (MessagingException e) {
      boolean permanent = permanent(e);
      throw new MailDeliveryException("SMTP server " + smtp.host() + ":" + smtp.port() + " did not take mail "
          + mail.messageId() + (permanent ? " (refused for good)" : "") + ": " + e, e, permanent);
    }
  }

  /** Whether the server answered with a 5xx reply somewhere in the exception chain. */
  private static boolean permanent(MessagingException failure) {
    Throwable current = failure;
    for (int depth = 0; current != null && depth < 10; depth++) {
      int code = current instanceof SMTPAddressFailedException e ? e.getReturnCode()
          : current instanceof SMTPSendFailedException e ? e.getReturnCode()
          : current instanceof SMTPSenderFailedException e ? e.getReturnCode()
          : 0;
      if (code >= 500 && code < 600) {
        return true;
      }
      current = current instanceof MessagingException m && m.getNextException() != null ? m.getNextException()
          : current.getCause() == current ? null : current.getCause();
    }
    return false;
  }

  @Override
  public String toString() {
    return "SmtpMailSender[" + smtp + "]";
  }
}
