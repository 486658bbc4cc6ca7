package org.leadgate.consent.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.leadgate.config.ConfigException;

/**
 * Builds the one MIME message that both senders hand on (SMTP and {@code .eml} file), and guards every header value
 * against injection: nothing that reaches a header may contain a line break.
 */
final class MimeMessages {
  /** A bare address as {@code local@domain}: no display name, no comments, no quotes, no list, ASCII only. */
  private static final Pattern BARE_ADDRESS = Pattern.compile(
      "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
          + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
  /** {@code <left@right>} in printable ASCII, without spaces or further angle brackets. */
  private static final Pattern MESSAGE_ID = Pattern.compile("<[\\x21-\\x7E&&[^<>@]]+@[\\x21-\\x7E&&[^<>@]]+>");
  private static final int MAX_ADDRESS_LENGTH = 254;
  private static final int MAX_MESSAGE_ID_LENGTH = 250;
  private static final int MAX_URL_LENGTH = 900;
  private static final int MAX_SUBJECT_LENGTH = 250;

  private MimeMessages() {}

  /** A session for building and parsing messages without a server. */
  static Session offlineSession() {
    return Session.getInstance(new Properties());
  }

  /**
   * Builds the message: plain text in UTF-8 (quoted-printable), From, To, Subject, Date, the given Message-ID (kept
   * as it is), {@code List-Unsubscribe} with one-click {@code List-Unsubscribe-Post} (RFC 8058) and
   * {@code Auto-Submitted: auto-generated} (RFC 3834).
   *
   * @throws IllegalArgumentException if a value would not make a valid header (line break, not one bare address,
   *     malformed Message-ID or URL): sending it again would not help
   */
  static MimeMessage build(Session session, InternetAddress from, OutgoingMail mail, Instant date)
      throws MessagingException {
    String messageId = messageId(mail.messageId());
    InternetAddress to = recipient(mail.to());
    String subject = subject(mail.subject());
    String withdrawUrl = httpUrl("withdrawUrl", mail.withdrawUrl());

    MimeMessage message = new FixedIdMimeMessage(session, messageId);
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO, to);
    message.setSubject(subject, StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(date));
    message.setHeader("Auto-Submitted", "auto-generated");
    message.setHeader("List-Unsubscribe", "<" + withdrawUrl + ">");
    message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    message.setText(mail.body(), StandardCharsets.UTF_8.name(), "plain");
    message.setHeader("Content-Transfer-Encoding", "quoted-printable");
    message.saveChanges();
    return message;
  }

  /**
   * The From address: one address with an optional display name, parsed strictly; the display name is re-encoded
   * (RFC 2047, UTF-8) so that umlauts survive.
   *
   * @throws IllegalArgumentException with the problem, if it is not exactly one valid address
   */
  static InternetAddress fromAddress(String from) {
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException("is required");
    }
    if (from.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("must be one line (no line breaks or control characters)");
    }
    InternetAddress parsed;
    try {
      parsed = new InternetAddress(from, true);
    } catch (AddressException e) {
      throw new IllegalArgumentException("is not one valid address ('" + from + "'): " + e.getMessage()
          + "; expected for example 'ACME GmbH <no-reply@acme.example>'");
    }
    if (parsed.isGroup()) {
      throw new IllegalArgumentException("must be one address, not a group ('" + from + "')");
    }
    if (!BARE_ADDRESS.matcher(parsed.getAddress()).matches() || parsed.getAddress().length() > MAX_ADDRESS_LENGTH) {
      throw new IllegalArgumentException("must contain an address like no-reply@acme.example (ASCII, with a domain)"
          + " but was '" + from + "'");
    }
    try {
      return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), StandardCharsets.UTF_8.name());
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link #fromAddress(String)} for a configured value: the problem is reported at its key. */
  static InternetAddress fromAddress(String from, String key) {
    try {
      return fromAddress(from);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }

  /**
   * A recipient: exactly one bare address ({@code local@domain}); a display name, a second address or a line break
   * is refused, so the value can never add a header or a recipient.
   */
  static InternetAddress recipient(String to) {
    if (to == null) {
      throw new IllegalArgumentException("recipient address is required");
    }
    if (to.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
      throw new IllegalArgumentException("recipient address must not contain line breaks, spaces or control"
          + " characters");
    }
    if (to.length() > MAX_ADDRESS_LENGTH || !BARE_ADDRESS.matcher(to).matches()) {
      throw new IllegalArgumentException("recipient must be one bare address like name@example.de (no display"
          + " name, no list; internationalised domains in their xn-- form)");
    }
    try {
      InternetAddress address = new InternetAddress(to, true);
      if (address.getPersonal() != null || !to.equals(address.getAddress())) {
        throw new IllegalArgumentException("recipient must be one bare address like name@example.de");
      }
      return address;
    } catch (AddressException e) {
      throw new IllegalArgumentException("recipient is not a valid address: " + e.getMessage());
    }
  }

  /** A Message-ID as {@code <left@right>}, printable ASCII without spaces; returned unchanged. */
  static String messageId(String messageId) {
    if (messageId == null || messageId.length() > MAX_MESSAGE_ID_LENGTH || !MESSAGE_ID.matcher(messageId).matches()) {
      throw new IllegalArgumentException("Message-ID must look like <unique@host> (printable ASCII, no spaces)"
          + " but was '" + printable(messageId) + "'");
    }
    return messageId;
  }

  /** A subject: one line, at most 250 characters. */
  static String subject(String subject) {
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("subject is required");
    }
    if (subject.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("subject must be one line (no line breaks or control characters)");
    }
    if (subject.length() > MAX_SUBJECT_LENGTH) {
      throw new IllegalArgumentException("subject must be at most " + MAX_SUBJECT_LENGTH + " characters");
    }
    return subject;
  }

  /** An absolute http(s) URL without spaces, line breaks or angle brackets; returned unchanged. */
  static String httpUrl(String what, String url) {
    if (url == null || url.isEmpty()) {
      throw new IllegalArgumentException(what + " is required");
    }
    if (url.length() > MAX_URL_LENGTH || url.chars().anyMatch(c -> c <= 0x20 || c >= 0x7F || c == '<' || c == '>'
        || c == '"')) {
      throw new IllegalArgumentException(what + " must be an absolute http(s) URL of printable ASCII without spaces"
          + " (at most " + MAX_URL_LENGTH + " characters)");
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException(what + " must be an absolute http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + " is not a valid URL: " + e.getReason());
    }
    return url;
  }

  private static String printable(String text) {
    return text == null ? "null" : text.replaceAll("\\p{Cntrl}", "?");
  }

  /** A message whose Message-ID is chosen by the caller (for the evidence) and survives {@code saveChanges()}. */
  private static final class FixedIdMimeMessage extends MimeMessage {
    private final String messageId;

    FixedIdMimeMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
