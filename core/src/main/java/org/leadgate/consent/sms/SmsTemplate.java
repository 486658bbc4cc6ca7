package org.leadgate.consent.sms;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leadgate.config.ConfigException;
import org.leadgate.consent.ConfirmationSender;
import org.leadgate.consent.mail.DoiMailTemplate;

/**
 * The confirmation SMS for phone consent, checked once when it is built: like the confirmation mail it may carry only
 * the confirmation request, the neutral sender name, the purpose and the link (no other links, no promotional words;
 * law.md 8), and it must stay shorter than {@value #MAX_LENGTH} characters (two SMS) with the longest purpose it may
 * be sent for.
 */
public final class SmsTemplate {
  /** Texts must be shorter than this, links and purposes filled in. */
  public static final int MAX_LENGTH = 320;
  static final String CONFIRM_URL = "{confirmUrl}";
  static final String SENDER = "{sender}";
  static final String PURPOSE = "{purpose}";
  private static final Set<String> PLACEHOLDERS = Set.of(CONFIRM_URL, SENDER, PURPOSE);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}\\s]{1,40}}");
  private static final Pattern KNOWN_PLACEHOLDER = Pattern.compile("\\{(confirmUrl|sender|purpose)}");
  private static final int MAX_SENDER_LENGTH = 60;

  private final String sender;
  private final String text;
  private final String version;

  /**
   * Checks the settings' text and sender name.
   *
   * @param baseUrl the gateway's public URL, which the link points to
   * @param purposes the descriptions of the purposes the SMS may ask about, for the length check
   * @throws ConfigException at {@code consent.sms.sender} or {@code consent.sms.text}, naming the problem
   */
  public SmsTemplate(SmsSettings settings, URI baseUrl, Collection<String> purposes) {
    this.sender = checkSender(settings);
    this.text = checkText(settings);
    this.version = "sha256:" + sha256(sender + "\u0000" + text);
    String link = ConfirmationSender.link(baseUrl, "confirm", "x".repeat(43));
    purposes.stream().max(Comparator.comparingInt(String::length)).ifPresent(longest -> {
      int length = fill(longest.strip(), link).length();
      if (length >= MAX_LENGTH) {
        throw new ConfigException(settings.keyPath("text"), "must stay shorter than " + MAX_LENGTH + " characters"
            + " (two SMS) but is " + length + " with the link and the purpose '" + longest + "'; shorten the text,"
            + " the sender or the purpose's description");
      }
    });
  }

  /**
   * The SMS for one confirmation.
   *
   * @throws IllegalArgumentException if the filled-in text is too long (a purpose the startup check did not know)
   */
  public String render(String purposeDescription, String confirmUrl) {
    String filled = fill(purposeDescription.strip(), confirmUrl);
    if (filled.length() >= MAX_LENGTH) {
      throw new IllegalArgumentException("the SMS would be " + filled.length() + " characters long");
    }
    return filled;
  }

  /** A fingerprint of the sender name and text, for the consent evidence ({@code sha256:<hex>}). */
  public String version() {
    return version;
  }

  /** Fills the placeholders once: a value that contains a placeholder is not expanded again. */
  private String fill(String purpose, String confirmUrl) {
    Map<String, String> values = Map.of(CONFIRM_URL, confirmUrl, SENDER, sender, PURPOSE, purpose);
    Matcher matcher = KNOWN_PLACEHOLDER.matcher(text);
    StringBuilder filled = new StringBuilder(text.length() + 128);
    while (matcher.find()) {
      matcher.appendReplacement(filled, Matcher.quoteReplacement(values.get(matcher.group())));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }

  private static String checkSender(SmsSettings settings) {
    String sender = settings.sender().strip();
    String key = settings.keyPath("sender");
    if (sender.isEmpty()) {
      throw new ConfigException(key, "must not be empty: the company that asks for the confirmation");
    }
    if (sender.length() > MAX_SENDER_LENGTH) {
      throw new ConfigException(key, "must be at most " + MAX_SENDER_LENGTH + " characters");
    }
    if (sender.chars().anyMatch(Character::isISOControl)) {
      throw new ConfigException(key, "must be one line (no line breaks or control characters)");
    }
    if (PLACEHOLDER.matcher(sender).find()) {
      throw new ConfigException(key, "must not contain placeholders");
    }
    DoiMailTemplate.advertising(sender).ifPresent(problem -> {
      throw new ConfigException(key, problem);
    });
    return sender;
  }

  private static String checkText(SmsSettings settings) {
    String text = settings.text().strip();
    String key = settings.keyPath("text");
    if (!text.contains(CONFIRM_URL)) {
      throw new ConfigException(key, "must contain " + CONFIRM_URL + " (the confirmation link)");
    }
    Matcher placeholders = PLACEHOLDER.matcher(text);
    while (placeholders.find()) {
      if (!PLACEHOLDERS.contains(placeholders.group())) {
        throw new ConfigException(key, "unknown placeholder '" + placeholders.group() + "'; known: " + CONFIRM_URL
            + ", " + SENDER + ", " + PURPOSE);
      }
    }
    DoiMailTemplate.advertising(KNOWN_PLACEHOLDER.matcher(text).replaceAll(" ")).ifPresent(problem -> {
      throw new ConfigException(key, problem);
    });
    return text;
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
