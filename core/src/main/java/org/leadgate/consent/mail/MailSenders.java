package org.leadgate.consent.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the mail sender for the settings. */
public final class MailSenders {
  private static final Logger LOG = LoggerFactory.getLogger(MailSenders.class);

  private MailSenders() {}

  /**
   * The SMTP sender if {@code consent.smtp} is configured; otherwise the {@code .eml} writer on
   * {@code <dataDirectory>/mail}, which is created here and announced once in the log.
   *
   * @throws UncheckedIOException if the mail directory cannot be created
   */
  public static MailSender create(MailSettings settings, Path dataDirectory) {
    String from = settings.doiMail().from();
    if (settings.smtp().isPresent()) {
      MailSettings.Smtp smtp = settings.smtp().get();
      if (smtp.security() == MailSettings.Security.NONE && smtp.username().isPresent()) {
        LOG.warn("event=mail.smtp_plaintext_login host={} port={} note=\"security: none sends the SMTP password"
            + " unencrypted; use starttls or tls unless the server is on this host\"", smtp.host(), smtp.port());
      }
      LOG.info("event=mail.smtp host={} port={} security={} login={}", smtp.host(), smtp.port(),
          smtp.security().name().toLowerCase(Locale.ROOT), smtp.username().isPresent());
      return new SmtpMailSender(smtp, from);
    }
    Path directory = dataDirectory.resolve("mail").toAbsolutePath().normalize();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the mail directory " + directory + ": " + e.getMessage(), e);
    }
    LOG.info("event=mail.eml_files dir={} note=\"no SMTP configured: mails are written as .eml files\"", directory);
    return new EmlFileMailSender(directory, from);
  }
}
