package org.leadgate.consent.mail;

import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leadgate.config.ConfigException;

/**
 * A confirmation mail (the double opt-in's, or the re-permission's for stale consent), checked once when it is
 * built. The mail may carry only the confirmation request and neutral sender data: no HTML, no images or tracking
 * pixels, no links other than the confirmation and withdrawal links, no promotional words (law.md line 8; LG Stendal
 * 22 S 87/20 counted a logo and "Welcome to …" as advertising, which a DOI mail sent without consent must not
 * contain).
 */
public final class DoiMailTemplate {
  static final String CONFIRM_URL = "{confirmUrl}";
  static final String WITHDRAW_URL = "{withdrawUrl}";
  static final String SENDER = "{sender}";
  static final String PURPOSE = "{purpose}";
  private static final Set<String> PLACEHOLDERS = Set.of(CONFIRM_URL, WITHDRAW_URL, SENDER, PURPOSE);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}\\s]{1,40}}");
  private static final Pattern KNOWN_PLACEHOLDER = Pattern.compile("\\{(confirmUrl|withdrawUrl|sender|purpose)}");

  private static final int FLAGS =
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

  /** What gives a mail away as advertising, each with the problem it names; checked in this order. */
  private static final List<Rule> RULES = List.of(
      new Rule(Pattern.compile("<img\\b[^>]{0,40}", FLAGS),
          "must not contain images or tracking pixels"),
      // any <tag, </tag, <!-- or <?xml; an address in angle brackets (<info@acme.example>) is plain text
      new Rule(Pattern.compile("</?[a-z!?](?![^<>\\s]*@[^<>\\s]+>)[^>\\s]{0,20}", FLAGS),
          "must be plain text: HTML is not allowed"),
      new Rule(Pattern.compile("!\\[[^\\]]{0,40}]\\(", FLAGS),
          "must not contain images or tracking pixels"),
      new Rule(Pattern.compile("\\b(?:data|cid):[^\\s]{0,30}", FLAGS),
          "must not contain images or tracking pixels"),
      new Rule(Pattern.compile("[\\w./-]*\\.(?:png|gif|jpe?g|svg|webp|bmp|ico)\\b", FLAGS),
          "must not contain images or tracking pixels"),
      new Rule(Pattern.compile("\\b(?:https?|ftp)://[^\\s]*|\\bwww\\.[^\\s]*", FLAGS),
          "must not contain links other than " + CONFIRM_URL + " and " + WITHDRAW_URL),
      new Rule(Pattern.compile(String.join("|",
              // German stems, also in compounds (Sonderangebot, Rabattcode, Willkommensgeschenk, Newsletter-Vorteil)
              "[\\w-]*(?:angebot|rabatt|gutschein|gratis|kostenlos|gewinnspiel|schnäppchen|willkommen|geschenk"
                  + "|vorteil)[\\w-]*",
              // words and their forms
              "\\b(?:aktion|exklusiv|sonderpreis|bonus|promo)\\w*",
              "\\b(?:sale|sales|offer|offers|discount|discounts|free|deal|deals|welcome|coupon|coupons|voucher|vouchers"
                  + "|gift|gifts|exclusive|bargain)\\b",
              // phrases
              "\\bjetzt\\s+(?:kaufen|bestellen|zugreifen|sichern|shoppen)\\b",
              "\\b(?:buy|shop|order)\\s+now\\b",
              "\\blimited\\s+(?:time|offer)\\b",
              "\\bnur\\s+(?:heute|für\\s+kurze\\s+zeit)\\b"), FLAGS),
          "must not advertise (only the confirmation request and neutral sender data; LG Stendal 22 S 87/20):"
              + " promotional word"),
      new Rule(Pattern.compile("%"),
          "must not advertise (only the confirmation request and neutral sender data; LG Stendal 22 S 87/20):"
              + " promotional sign"));

  private final InternetAddress from;
  private final String subject;
  private final String sender;
  private final String body;
  private final String version;

  /**
   * Checks the settings' double opt-in confirmation mail.
   *
   * @throws ConfigException at {@code consent.doiMail.from}, {@code .subject}, {@code .sender} or {@code .body},
   *     naming the problem (and the offending word, tag or link)
   */
  public DoiMailTemplate(MailSettings settings) {
    this(settings.doiMail());
  }

  /**
   * Checks one confirmation mail ({@link MailSettings#doiMail()} or {@link MailSettings#repermissionMail()}).
   *
   * @throws ConfigException at the mail's {@code from}, {@code subject}, {@code sender} or {@code body}, naming the
   *     problem (and the offending word, tag or link)
   */
  public DoiMailTemplate(MailSettings.DoiMail doiMail) {
    this.from = check(doiMail);
    this.subject = doiMail.subject();
    this.sender = doiMail.sender();
    this.body = doiMail.body();
    this.version = "sha256:" + sha256(String.join("\u0000", from.toUnicodeString(), subject, sender, body));
  }

  /**
   * The confirmation mail for one sign-up: the body with its placeholders filled in (once: a value that contains a
   * placeholder is not expanded again), the configured subject.
   *
   * @param messageId the Message-ID to send with, {@code <unique@host>}
   * @param to one bare address; a display name, a list or a line break is refused
   * @param purposeDescription what the person signed up for, for {@code {purpose}}
   * @param confirmUrl the confirmation link, absolute http(s)
   * @param withdrawUrl the withdrawal link, absolute http(s); also the {@code List-Unsubscribe} target
   * @throws IllegalArgumentException if a value is not valid (nothing can reach a header unchecked)
   */
  public OutgoingMail render(
      String messageId, String to, String purposeDescription, String confirmUrl, String withdrawUrl) {
    MimeMessages.messageId(messageId);
    MimeMessages.recipient(to);
    MimeMessages.httpUrl("confirmUrl", confirmUrl);
    MimeMessages.httpUrl("withdrawUrl", withdrawUrl);
    if (purposeDescription == null || purposeDescription.isBlank()) {
      throw new IllegalArgumentException("purposeDescription is required");
    }
    Map<String, String> values = Map.of(
        CONFIRM_URL, confirmUrl,
        WITHDRAW_URL, withdrawUrl,
        SENDER, sender,
        PURPOSE, purposeDescription.strip());
    Matcher matcher = KNOWN_PLACEHOLDER.matcher(body);
    StringBuilder text = new StringBuilder(body.length() + 256);
    while (matcher.find()) {
      matcher.appendReplacement(text, Matcher.quoteReplacement(values.get(matcher.group())));
    }
    matcher.appendTail(text);
    return new OutgoingMail(messageId, to, subject, text.toString(), withdrawUrl);
  }

  /** The From address of the mail, as configured (for the senders). */
  public String from() {
    return from.toUnicodeString();
  }

  public String subject() {
    return subject;
  }

  /** The body with its placeholders, as configured. */
  public String body() {
    return body;
  }

  /**
   * A fingerprint of this template (From, subject, sender data, body) for the consent evidence: which content version
   * a confirmation mail had ({@code sha256:<hex>}).
   */
  public String version() {
    return version;
  }

  /**
   * Checks a confirmation mail's settings and returns its From address.
   *
   * @throws ConfigException at the offending key
   */
  static InternetAddress check(MailSettings.DoiMail doiMail) {
    InternetAddress from = MimeMessages.fromAddress(doiMail.from(), doiMail.keyPath("from"));
    if (from.getPersonal() != null) {
      advertising(from.getPersonal()).ifPresent(problem -> {
        throw new ConfigException(doiMail.keyPath("from"), "the display name " + problem);
      });
    }

    String subject = doiMail.subject();
    if (subject.chars().anyMatch(Character::isISOControl)) {
      throw new ConfigException(doiMail.keyPath("subject"), "must be one line (no line breaks or control characters)");
    }
    try {
      MimeMessages.subject(subject);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(doiMail.keyPath("subject"), e.getMessage());
    }
    if (PLACEHOLDER.matcher(subject).find()) {
      throw new ConfigException(doiMail.keyPath("subject"), "must not contain placeholders; they are only filled in"
          + " in the body");
    }
    advertising(subject).ifPresent(problem -> {
      throw new ConfigException(doiMail.keyPath("subject"), problem);
    });

    String sender = doiMail.sender();
    if (sender.isBlank()) {
      throw new ConfigException(doiMail.keyPath("sender"), "must not be empty");
    }
    if (sender.length() > 1000) {
      throw new ConfigException(doiMail.keyPath("sender"), "must be at most 1000 characters");
    }
    if (PLACEHOLDER.matcher(sender).find()) {
      throw new ConfigException(doiMail.keyPath("sender"), "must not contain placeholders");
    }
    advertising(sender).ifPresent(problem -> {
      throw new ConfigException(doiMail.keyPath("sender"), problem);
    });

    String body = doiMail.body();
    for (String required : List.of(CONFIRM_URL, WITHDRAW_URL)) {
      if (!body.contains(required)) {
        throw new ConfigException(doiMail.keyPath("body"), "must contain " + required + " (the "
            + (required.equals(CONFIRM_URL) ? "confirmation" : "withdrawal") + " link)");
      }
    }
    Matcher placeholders = PLACEHOLDER.matcher(body);
    while (placeholders.find()) {
      if (!PLACEHOLDERS.contains(placeholders.group())) {
        throw new ConfigException(doiMail.keyPath("body"), "unknown placeholder '" + placeholders.group()
            + "'; known: " + CONFIRM_URL + ", " + WITHDRAW_URL + ", " + SENDER + ", " + PURPOSE);
      }
    }
    advertising(KNOWN_PLACEHOLDER.matcher(body).replaceAll(" ")).ifPresent(problem -> {
      throw new ConfigException(doiMail.keyPath("body"), problem);
    });
    return from;
  }

  /**
   * The first sign of advertising in a text: the problem with the offending word, tag or link; empty if neutral. Also
   * checks the confirmation SMS ({@link org.leadgate.consent.sms.SmsTemplate}).
   */
  public static Optional<String> advertising(String text) {
    for (Rule rule : RULES) {
      Matcher matcher = rule.pattern().matcher(text);
      if (matcher.find()) {
        return Optional.of(rule.problem() + " '" + matcher.group().strip() + "'");
      }
    }
    return Optional.empty();
  }

  /** The default sender data for a From address: {@code ACME GmbH (no-reply@acme.example)}, or just the address. */
  static String describe(InternetAddress from) {
    String personal = from.getPersonal();
    return personal == null || personal.isBlank() ? from.getAddress() : personal.strip() + " (" + from.getAddress()
        + ")";
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Rule(Pattern pattern, String problem) {}
}
