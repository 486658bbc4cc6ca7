package org.leadgate.consent.sms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Writes each SMS as a text file ({@code <dir>/<timestamp>-<id>.txt}: {@code To}, {@code Id} and {@code Date}
 * lines, a blank line, the text) instead of sending it, for installations without an SMS gateway (demo default). A
 * file appears complete or not at all (written to a temporary file, then moved). Thread-safe.
 */
public final class SmsFileSender implements SmsSender {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Path directory;
  private final Clock clock;

  /** @param directory where the files go; created when the first SMS is written */
  public SmsFileSender(Path directory, Clock clock) {
    this.directory = directory.toAbsolutePath().normalize();
    this.clock = clock;
  }

  public Path directory() {
    return directory;
  }

  @Override
  public SmsResult send(SmsMessage message) {
    Instant now = clock.instant();
    String content = "To: " + message.to() + "\nId: " + message.id() + "\nDate: " + now + "\n\n" + message.text()
        + "\n";
    Path target = directory.resolve(TIMESTAMP.format(now) + "-" + message.id().replaceAll("[^A-Za-z0-9._-]", "_")
        + ".txt");
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      temporary = Files.createTempFile(directory, ".", ".txt.tmp");
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      return new SmsResult.Sent(Optional.empty());
    } catch (IOException | UnsupportedOperationException e) {
      return new SmsResult.Failed(false, "could not write the SMS file: " + e.getClass().getSimpleName());
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // the file was moved, or the failure that brought us here is the one to report
        }
      }
    }
  }

  @Override
  public String toString() {
    return "SmsFileSender[" + directory + "]";
  }
}
