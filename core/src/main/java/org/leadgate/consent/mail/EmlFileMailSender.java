package org.leadgate.consent.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes each mail as an {@code .eml} file ({@code <dir>/<timestamp>-<message id>.eml}) instead of sending it, for
 * installations without an SMTP server: the very message SMTP would carry, readable with any mail program. A file
 * appears complete or not at all (written to a temporary file, then moved). Thread-safe.
 */
public final class EmlFileMailSender implements MailSender {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private static final int MAX_ID_LENGTH = 120;

  private final Path directory;
  private final InternetAddress from;
  private final Clock clock;
  private final Session session = MimeMessages.offlineSession();

  /**
   * @param directory where the files go; created when the first mail is written
   * @param from the From address ({@code ACME GmbH <no-reply@acme.example>})
   * @throws IllegalArgumentException if {@code from} is not one valid address
   */
  public EmlFileMailSender(Path directory, String from) {
    this(directory, from, Clock.systemUTC());
  }

  /** As {@link #EmlFileMailSender(Path, String)}, with the clock for the Date header and the file name. */
  public EmlFileMailSender(Path directory, String from, Clock clock) {
    this.directory = directory.toAbsolutePath().normalize();
    this.from = MimeMessages.fromAddress(from);
    this.clock = clock;
  }

  public Path directory() {
    return directory;
  }

  /**
   * @throws MailDeliveryException if the file could not be written
   * @throws IllegalArgumentException if the mail has a value that cannot go into a header (see {@link OutgoingMail})
   */
  @Override
  public void send(OutgoingMail mail) throws MailDeliveryException {
    Instant now = clock.instant();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try {
      MimeMessages.build(session, from, mail, now).writeTo(bytes);
    } catch (MessagingException | IOException e) {
      throw new MailDeliveryException("could not build mail " + mail.messageId() + ": " + e.getMessage(), e);
    }
    Path target = directory.resolve(TIMESTAMP.format(now) + "-" + fileName(mail.messageId()) + ".eml");
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      temporary = Files.createTempFile(directory, ".", ".eml.tmp");
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        OutputStream out = Channels.newOutputStream(channel);
        bytes.writeTo(out);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temporary = null;
    } catch (IOException e) {
      throw new MailDeliveryException("could not write mail " + mail.messageId() + " to " + target + ": " + e, e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // the failure that brought us here is the one to report
        }
      }
    }
  }

  /** The Message-ID without its angle brackets, reduced to letters, digits, dot, dash and underscore. */
  static String fileName(String messageId) {
    String inner = messageId.startsWith("<") && messageId.endsWith(">") && messageId.length() > 2
        ? messageId.substring(1, messageId.length() - 1) : messageId;
    String safe = inner.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > MAX_ID_LENGTH) {
      safe = safe.substring(0, MAX_ID_LENGTH);
    }
    return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
  }

  @Override
  public String toString() {
    return "EmlFileMailSender[" + directory + "]";
  }
}
