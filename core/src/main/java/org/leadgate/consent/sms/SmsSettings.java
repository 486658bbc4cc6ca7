package org.leadgate.consent.sms;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;
import org.leadgate.http.HeaderSyntax;

/**
 * How LeadGate texts the confirmation link for phone consent ({@code consent.sms}): the sender name and text of the
 * SMS, and the HTTP SMS gateway, if any.
 *
 * @param sender the sender name in the text ({@code {sender}}), neutral: a company name
 * @param text the SMS text with {@code {confirmUrl}}, optionally {@code {sender}} and {@code {purpose}}
 * @param gateway the HTTP SMS gateway; empty: SMS are written as text files to {@code <dataDirectory>/sms/}
 * @param configPath the configuration path of this section ({@code consent.sms}), named in errors
 */
public record SmsSettings(String sender, String text, Optional<Gateway> gateway, String configPath) {
  /** The text used when {@code consent.sms.text} is not given: neutral, German with an English hint. */
  public static final String DEFAULT_TEXT = "{sender}: Bitte bestätigen Sie Ihre Einwilligung (please confirm your"
      + " consent): {purpose} {confirmUrl} Nicht angefordert? Dann ignorieren Sie diese SMS.";
  /** The request body used when {@code consent.sms.body} is not given. */
  public static final String DEFAULT_BODY = "{\"to\": \"{to}\", \"text\": \"{text}\"}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> GATEWAY_KEYS = List.of("authHeader", "authValue", "body", "messageIdPointer",
      "timeout");

  public SmsSettings {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(configPath, "configPath");
  }

  /** The dotted path of one key of this section, for errors. */
  public String keyPath(String key) {
    return configPath.isEmpty() ? key : configPath + "." + key;
  }

  /**
   * A generic HTTP SMS gateway: one JSON {@code POST} per SMS.
   *
   * @param url where each SMS is posted
   * @param auth the header that authenticates LeadGate, if the gateway asks for one
   * @param body the JSON request body; {@code {to}}, {@code {text}} and {@code {id}} in its string values are
   *     replaced by the number (international format as entered: {@code +4930…}), the text and LeadGate's id of the
   *     SMS
   * @param messageIdPointer where a 2xx answer names the gateway's id of the SMS; without it LeadGate's own id is
   *     the only one
   * @param timeout for the whole call
   */
  public record Gateway(URI url, Optional<Auth> auth, ObjectNode body, Optional<JsonPointer> messageIdPointer,
      Duration timeout) {
    public Gateway {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(auth, "auth");
      body = body.deepCopy();
      Objects.requireNonNull(messageIdPointer, "messageIdPointer");
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
    }

    @Override
    public ObjectNode body() {
      return body.deepCopy();
    }
  }

  /** An authentication header; its value is a secret and never shown. */
  public record Auth(String header, String value) {
    public Auth {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return "Auth[header=" + header + ", value=***]";
    }
  }

  /**
   * Reads {@code sms} from the {@code consent} section. The text itself is checked by {@link SmsTemplate}.
   *
   * @param defaultSender the sender name when {@code sender} is not given (the confirmation mail's display name)
   * @throws ConfigException naming the key of the first bad value
   */
  public static SmsSettings from(ConfigNode consentSection, String defaultSender) {
    ConfigNode node = consentSection.section("sms");
    node.allowOnly("sender", "text", "url", "authHeader", "authValue", "body", "messageIdPointer", "timeout");
    Optional<Gateway> gateway = Optional.empty();
    if (node.has("url")) {
      gateway = Optional.of(gateway(node));
    } else {
      for (String key : GATEWAY_KEYS) {
        if (node.has(key)) {
          throw node.error(key, "is only used with " + node.keyPath("url") + " (the SMS gateway); without it SMS"
              + " are written as files");
        }
      }
    }
    return new SmsSettings(node.string("sender", defaultSender), node.string("text", DEFAULT_TEXT), gateway,
        node.path());
  }

  private static Gateway gateway(ConfigNode node) {
    URI url = node.httpUrl("url");
    Optional<Auth> auth = Optional.empty();
    if (node.has("authValue")) {
      String header = node.string("authHeader", "Authorization");
      if (!HeaderSyntax.isName(header)) {
        throw node.error("authHeader", "is not an HTTP header name (" + HeaderSyntax.NAME_RULE + ")");
      }
      String value = node.string("authValue");
      if (!HeaderSyntax.isValue(value)) {
        throw node.error("authValue", "must contain only printable ASCII characters");
      }
      auth = Optional.of(new Auth(header, value));
    } else if (node.has("authHeader")) {
      throw node.error("authValue", "is required when " + node.keyPath("authHeader") + " is given");
    }
    Duration timeout = node.duration("timeout", Duration.ofSeconds(10));
    if (timeout.toMillis() < 1) {
      throw node.error("timeout", "must be at least 1ms");
    }
    return new Gateway(url, auth, body(node), pointer(node), timeout);
  }

  /** The body template: a JSON object whose string values carry {@code {to}} and {@code {text}}. */
  private static ObjectNode body(ConfigNode node) {
    String text = node.string("body", DEFAULT_BODY);
    JsonNode body;
    try {
      body = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw node.error("body", "is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(body instanceof ObjectNode object)) {
      throw node.error("body", "must be a JSON object, for example " + DEFAULT_BODY);
    }
    for (String placeholder : List.of("{to}", "{text}")) {
      if (!HttpSmsSender.containsInStrings(object, placeholder)) {
        throw node.error("body", "must contain " + placeholder + " inside a string value, for example "
            + DEFAULT_BODY);
      }
    }
    return object;
  }

  private static Optional<JsonPointer> pointer(ConfigNode node) {
    Optional<String> text = node.optionalString("messageIdPointer");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonPointer pointer = JsonPointer.compile(text.get());
      if (pointer.matches()) {
        throw new IllegalArgumentException("points at the whole answer");
      }
      return Optional.of(pointer);
    } catch (IllegalArgumentException e) {
      throw node.error("messageIdPointer", "must be a JSON pointer to the id in the answer, for example '/id' or"
          + " '/messages/0/id', but was '" + text.get() + "'");
    }
  }
}
