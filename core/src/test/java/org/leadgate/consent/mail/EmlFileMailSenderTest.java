package org.leadgate.consent.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.consent.mail.MailFixtures.FROM;
import static org.leadgate.consent.mail.MailFixtures.assertConfirmationMail;
import static org.leadgate.consent.mail.MailFixtures.mail;
import static org.leadgate.consent.mail.MailFixtures.settings;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmlFileMailSenderTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:15:30.123Z");

  @TempDir
  Path dataDirectory;

  private static List<Path> files(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }

  private static MimeMessage read(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return new MimeMessage(Session.getInstance(new Properties()), in);
    }
  }

  @Test
  void mailIsWrittenAsAParseableEmlFileWithTheSameHeadersAsOverSmtp() throws Exception {
    Path directory = dataDirectory.resolve("mail");
    try (EmlFileMailSender sender = new EmlFileMailSender(directory, FROM, Clock.fixed(NOW, ZoneOffset.UTC))) {
      sender.send(mail());
    }
    List<Path> files = files(directory);
    assertEquals(List.of(directory.resolve(
        "20250301T101530123Z-3f2c9a1e-0b7d-4c55-9e43-1d2f7a8b6c01_leadgate.acme.example.eml")), files,
        "one complete file, no temporary file left");
    MimeMessage message = read(files.get(0));
    assertConfirmationMail(message);
    assertEquals(NOW.getEpochSecond(), message.getSentDate().toInstant().getEpochSecond());
    String raw = Files.readString(files.get(0), StandardCharsets.ISO_8859_1);
    assertTrue(raw.contains("\r\n"), "RFC 5322 line endings");
    assertTrue(raw.contains("Content-Transfer-Encoding: quoted-printable"), raw);
  }

  @Test
  void twoMailsGiveTwoFiles() throws Exception {
    EmlFileMailSender sender = new EmlFileMailSender(dataDirectory, FROM);
    OutgoingMail first = mail();
    sender.send(first);
    sender.send(new OutgoingMail("<second@leadgate>", first.to(), first.subject(), first.body(), first.withdrawUrl()));
    List<Path> files = files(dataDirectory);
    assertEquals(2, files.size(), files::toString);
    assertEquals("<second@leadgate>", read(files.stream().filter(f -> f.toString().endsWith("-second_leadgate.eml"))
        .findFirst().orElseThrow()).getMessageID());
  }

  @Test
  void aMessageIdCannotEscapeTheDirectory() {
    assertEquals("_.._.._etc_passwd_x", EmlFileMailSender.fileName("<../../etc/passwd@x>"));
    assertEquals("a_b_c_d.e", EmlFileMailSender.fileName("<a\\b/c@d.e>"));
    assertTrue(EmlFileMailSender.fileName("<" + "a".repeat(300) + "@x>").length() <= 121);
  }

  @Test
  void aFileInTheWayOfTheDirectoryIsADeliveryFailure() throws Exception {
    Path blocked = Files.writeString(dataDirectory.resolve("mail"), "not a directory");
    EmlFileMailSender sender = new EmlFileMailSender(blocked, FROM);
    assertThrows(MailDeliveryException.class, () -> sender.send(mail()));
  }

  @Test
  void aMailWithALineBreakInAHeaderValueIsNeverWritten() throws Exception {
    EmlFileMailSender sender = new EmlFileMailSender(dataDirectory, FROM);
    OutgoingMail good = mail();
    assertThrows(IllegalArgumentException.class, () -> sender.send(new OutgoingMail(good.messageId(),
        "a@b.de\r\nBcc: x@y.de", good.subject(), good.body(), good.withdrawUrl())));
    assertThrows(IllegalArgumentException.class, () -> sender.send(new OutgoingMail(good.messageId(), good.to(),
        good.subject(), good.body(), good.withdrawUrl() + ">\r\nBcc: x@y.de")));
    assertEquals(List.of(), files(dataDirectory));
  }

  // --- choosing the sender ---------------------------------------------------------------------------------------

  @Test
  void withoutSmtpMailsGoToEmlFilesUnderTheDataDirectory() throws Exception {
    MailSender sender = MailSenders.create(settings(MailFixtures.MINIMAL), dataDirectory);
    EmlFileMailSender eml = assertInstanceOf(EmlFileMailSender.class, sender);
    assertEquals(dataDirectory.resolve("mail").toAbsolutePath().normalize(), eml.directory());
    assertTrue(Files.isDirectory(eml.directory()), "created at start");
    sender.send(mail());
    assertEquals(1, files(eml.directory()).size());
  }

  @Test
  void withSmtpMailsGoToTheServer() {
    MailSender sender = MailSenders.create(settings(MailFixtures.MINIMAL + "smtp:\n  host: smtp.acme.example\n"),
        dataDirectory);
    assertInstanceOf(SmtpMailSender.class, sender);
    assertTrue(sender.toString().contains("smtp.acme.example"), sender::toString);
  }
}
