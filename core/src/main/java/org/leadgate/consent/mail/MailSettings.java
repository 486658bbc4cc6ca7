package org.leadgate.consent.mail;

import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;

/**
 * How LeadGate sends its confirmation mails: the SMTP server (if any), the double opt-in mail's wording and the
 * re-permission mail's wording (sent once when double opt-in consent goes stale, law.md 24).
 *
 * @param smtp the SMTP server; empty: mails are written as {@code .eml} files to {@code <dataDirectory>/mail/}
 * @param doiMail the confirmation mail's sender and wording
 * @param repermissionMail the re-permission mail: the confirmation mail's sender, its own subject and body
 */
public record MailSettings(Optional<Smtp> smtp, DoiMail doiMail, DoiMail repermissionMail) {
  /** The subject used when {@code consent.doiMail.subject} is not given. */
  public static final String DEFAULT_SUBJECT = "Bitte bestätigen Sie Ihre Anmeldung / Please confirm your sign-up";

  /** The body used when {@code consent.doiMail.body} is not given: neutral, German and English. */
  public static final String DEFAULT_BODY = """
      Guten Tag,

      mit dieser E-Mail-Adresse wurde eine Anmeldung für Folgendes angefordert:
      {purpose}

      Bitte bestätigen Sie die Anmeldung mit einem Klick auf diesen Link:
      {confirmUrl}

      Wenn Sie sich nicht angemeldet haben, ignorieren Sie diese E-Mail bitte. Ohne Ihre Bestätigung senden wir \
      Ihnen keine weiteren E-Mails.

      Ihre Einwilligung können Sie jederzeit widerrufen:
      {withdrawUrl}

      ----

      Hello,

      this e-mail address was used to request a sign-up for the following:
      {purpose}

      Please confirm the sign-up by clicking this link:
      {confirmUrl}

      If you did not sign up, please ignore this e-mail. Without your confirmation we will not send you any further \
      e-mails.

      You can withdraw your consent at any time:
      {withdrawUrl}

      ----
      Absender / Sender: {sender}
      """;

  /** The subject used when {@code consent.repermissionMail.subject} is not given. */
  public static final String DEFAULT_REPERMISSION_SUBJECT =
      "Bitte bestätigen Sie Ihre Einwilligung erneut / Please confirm your consent again";

  /** The body used when {@code consent.repermissionMail.body} is not given: neutral, German and English. */
  public static final String DEFAULT_REPERMISSION_BODY = """
      Guten Tag,

      Sie haben eingewilligt, Folgendes per E-Mail zu erhalten:
      {purpose}

      Da wir Ihre Einwilligung seit längerer Zeit nicht genutzt haben, bitten wir Sie zu bestätigen, dass sie \
      weiter gelten soll. Bitte klicken Sie dazu auf diesen Link:
      {confirmUrl}

      Ohne Ihre Bestätigung endet Ihre Einwilligung, und wir senden Ihnen hierzu keine E-Mails mehr.

      Ihre Einwilligung können Sie jederzeit widerrufen:
      {withdrawUrl}

      ----

      Hello,

      you consented to receive the following by e-mail:
      {purpose}

      As we have not used your consent for a long time, please confirm that it should remain in force by \
      clicking this link:
      {confirmUrl}

      Without your confirmation your consent ends, and we will not send you any more e-mails about this.

      You can withdraw your consent at any time:
      {withdrawUrl}

      ----
      Absender / Sender: {sender}
      """;

  public MailSettings {
    smtp = smtp == null ? Optional.empty() : smtp;
    if (doiMail == null || repermissionMail == null) {
      throw new NullPointerException("doiMail and repermissionMail are required");
    }
  }

  /** How the connection to the SMTP server is secured. */
  public enum Security {
    /** Plain connection upgraded with STARTTLS; refused if the server does not offer it (default, port 587). */
    STARTTLS,
    /** Implicit TLS from the first byte, "SMTPS" (port 465). */
    TLS,
    /** No encryption, for a relay on the same host or network only. */
    NONE
  }

  /**
   * The SMTP server that takes LeadGate's mails.
   *
   * @param timeout for connecting, and for each read and write on the connection
   */
  public record Smtp(
      String host, int port, Optional<String> username, Optional<String> password, Security security,
      Duration timeout) {
    public Smtp {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host is required");
      }
      username = username == null ? Optional.empty() : username;
      password = password == null ? Optional.empty() : password;
      if (security == null) {
        throw new NullPointerException("security");
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
    }

    @Override
    public String toString() {
      return "Smtp[host=" + host + ", port=" + port + ", username=" + username.orElse("-") + ", password="
          + (password.isPresent() ? "***" : "-") + ", security=" + security + ", timeout=" + timeout + "]";
    }
  }

  /**
   * A confirmation mail: the double opt-in's or the re-permission's. Checked by {@link DoiMailTemplate}: it must not
   * advertise.
   *
   * @param from the From address, optionally with a display name ({@code ACME GmbH <no-reply@acme.example>})
   * @param subject one line
   * @param sender neutral sender data for {@code {sender}} (an Impressum line)
   * @param body plain text with {@code {confirmUrl}} and {@code {withdrawUrl}}, optionally {@code {sender}} and
   *     {@code {purpose}}
   * @param configPath the configuration path of this section ({@code consent.doiMail} or
   *     {@code consent.repermissionMail}), named in errors
   */
  public record DoiMail(String from, String subject, String sender, String body, String configPath) {
    public DoiMail {
      for (Object value : new Object[] {from, subject, sender, body, configPath}) {
        if (value == null) {
          throw new NullPointerException("from, subject, sender, body and configPath are required");
        }
      }
    }

    /** The dotted path of one key of this section, for errors. */
    public String keyPath(String key) {
      return configPath.isEmpty() ? key : configPath + "." + key;
    }

    /** The display name of {@code from} ({@code ACME GmbH}), or its bare address if it has none. */
    public String senderName() {
      InternetAddress address = MimeMessages.fromAddress(from, keyPath("from"));
      String personal = address.getPersonal();
      return personal == null || personal.isBlank() ? address.getAddress() : personal.strip();
    }
  }

  /**
   * Reads {@code smtp}, {@code doiMail} and {@code repermissionMail} from the {@code consent} section and checks
   * them, including the template's rules (see {@link DoiMailTemplate}), so that a bad setting stops the start.
   *
   * @throws ConfigException naming the key of the first bad value
   */
  public static MailSettings from(ConfigNode consentSection) {
    Optional<Smtp> smtp = consentSection.has("smtp") ? Optional.of(smtp(consentSection.section("smtp")))
        : Optional.empty();
    DoiMail doiMail = doiMail(consentSection.section("doiMail"));
    MailSettings settings = new MailSettings(smtp, doiMail,
        repermissionMail(consentSection.section("repermissionMail"), doiMail));
    DoiMailTemplate.check(settings.doiMail());
    DoiMailTemplate.check(settings.repermissionMail());
    return settings;
  }

  private static Smtp smtp(ConfigNode node) {
    node.allowOnly("host", "port", "username", "password", "security", "timeout");
    String host = node.string("host");
    if (host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)) || host.contains("/")
        || host.contains("@")) {
      throw node.error("host", "must be a host name or IP address (no scheme, user or path) but was '" + host + "'");
    }
    String securityText = node.string("security", "starttls");
    Security security = switch (securityText.toLowerCase(Locale.ROOT)) {
      case "starttls" -> Security.STARTTLS;
      case "tls" -> Security.TLS;
      case "none" -> Security.NONE;
      default -> throw node.error("security", "must be starttls, tls or none but was '" + securityText + "'");
    };
    int port = node.integer("port", security == Security.TLS ? 465 : 587, 1, 65535);
    Optional<String> username = node.optionalString("username");
    Optional<String> password = node.optionalString("password");
    if (username.isPresent() && password.isEmpty()) {
      throw node.error("password", "is required when " + node.keyPath("username") + " is given");
    }
    if (password.isPresent() && username.isEmpty()) {
      throw node.error("username", "is required when " + node.keyPath("password") + " is given");
    }
    for (String key : new String[] {"username", "password"}) {
      if (node.optionalString(key).orElse("").chars().anyMatch(Character::isISOControl)) {
        throw node.error(key, "must not contain line breaks or control characters");
      }
    }
    Duration timeout = node.duration("timeout", Duration.ofSeconds(10));
    if (timeout.toMillis() < 1) {
      throw node.error("timeout", "must be at least 1ms");
    }
    if (timeout.toMillis() > Integer.MAX_VALUE) {
      throw node.error("timeout", "must be at most " + Duration.ofMillis(Integer.MAX_VALUE));
    }
    return new Smtp(host, port, username, password, security, timeout);
  }

  private static DoiMail doiMail(ConfigNode node) {
    node.allowOnly("from", "subject", "sender", "body");
    String from = node.optionalString("from").orElseThrow(() -> node.error("from",
        "is required: the sender address of the confirmation mail, for example 'ACME GmbH <no-reply@acme.example>'"));
    String defaultSender = DoiMailTemplate.describe(MimeMessages.fromAddress(from, node.keyPath("from")));
    return new DoiMail(
        from,
        node.string("subject", DEFAULT_SUBJECT),
        node.string("sender", defaultSender),
        node.string("body", DEFAULT_BODY),
        node.path());
  }

  /** The re-permission mail comes from the confirmation mail's sender; only its subject and body are its own. */
  private static DoiMail repermissionMail(ConfigNode node, DoiMail doiMail) {
    node.allowOnly("subject", "body");
    return new DoiMail(
        doiMail.from(),
        node.string("subject", DEFAULT_REPERMISSION_SUBJECT),
        doiMail.sender(),
        node.string("body", DEFAULT_REPERMISSION_BODY),
        node.path());
  }
}
