package org.leadgate.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.leadgate.consent.ledger.Ledger;
import org.leadgate.consent.ledger.NewConsentEvent;

/**
 * Starts a confirmation: the double opt-in of an email sign-up and the re-permission of stale email consent by mail,
 * the verification of a phone number by SMS (law.md 9). It records the event that asks, whose evidence names the
 * message's id; the request with its single-use confirmation token, valid until {@code expiresAt}; for mail a
 * withdrawal token (both tokens stored only as hashes); and, sealed under the subject's key until the
 * {@link ConfirmationSender} sends it, what the message needs. A click on the link is recorded by
 * {@link ConsentService#confirm}.
 */
public final class ConfirmationRequests {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The key of the sealed payload that says which mail to send. */
  static final String MAIL = "mail";
  /** The keys of the sealed payload. */
  static final String ADDRESS = "address";
  static final String CONFIRM_TOKEN = "confirmToken";
  static final String WITHDRAW_TOKEN = "withdrawToken";
  static final String PURPOSE = "purpose";

  /** Which message asks for the confirmation. */
  public enum Mail {
    /** The confirmation of a sign-up: the double opt-in mail, or the SMS to a phone number. */
    SIGN_UP,
    /** The re-permission mail of stale double opt-in consent (law.md 24). */
    REPERMISSION
  }

  private ConfirmationRequests() {}

  /**
   * Starts one confirmation in the caller's transaction: by mail for an email event, by SMS for a phone or SMS
   * event.
   *
   * @param asking the event that asks ({@code requested} or {@code stale}); its evidence holds the address, form
   *     and wording, and it names its lead
   * @param purposeDescription what the person confirms, for the message
   * @param ipKey the keyed hash of the sign-up's IP, for the rate limit per IP; empty for the system's own mails
   */
  public static void start(Connection connection, Ledger ledger, NewConsentEvent asking, Mail mail,
      String purposeDescription, Instant expiresAt, Optional<String> ipKey) throws SQLException {
    Map<String, String> evidence = new LinkedHashMap<>(asking.evidence().items());
    boolean byMail = asking.channel() == Channel.EMAIL;
    String typed = required(evidence, Evidence.ADDRESS);
    String address = byMail ? Subject.email(typed).value() : Subject.phone(typed).value();
    String leadId = asking.leadId().orElseThrow(() -> new IllegalArgumentException("a confirmation names its lead"));
    String confirmToken = Tokens.create();
    String messageId = byMail ? "<" + UUID.randomUUID() + "@leadgate>" : UUID.randomUUID().toString();
    evidence.put(messageIdKey(asking.channel()), messageId);
    ledger.append(connection, List.of(new NewConsentEvent(asking.at(), asking.subjectKey(), asking.channel(),
        asking.purpose(), asking.action(), asking.basis(), new Evidence(evidence), asking.actor(), asking.leadId())));
    Map<String, String> payload = new LinkedHashMap<>(Map.of(ADDRESS, address, CONFIRM_TOKEN, confirmToken,
        PURPOSE, purposeDescription, MAIL, mail.name()));
    Optional<String> withdrawToken = byMail ? Optional.of(Tokens.create()) : Optional.empty();
    withdrawToken.ifPresent(token -> payload.put(WITHDRAW_TOKEN, token));
    String sealed = ledger.keys().seal(connection, asking.subjectKey(), asking.at(), json(payload));
    ConsentStore.insertDoiRequest(connection, new ConsentStore.DoiRequest(Tokens.hash(confirmToken),
        asking.subjectKey(), asking.channel(), asking.purpose(), leadId, required(evidence, Evidence.FORM_ID),
        required(evidence, Evidence.WORDING_ID), messageId, Optional.of(sealed), asking.at(), expiresAt, 0,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), ipKey);
    if (withdrawToken.isPresent()) {
      ConsentStore.insertWithdrawToken(connection, Tokens.hash(withdrawToken.get()), asking.subjectKey(),
          Channel.EMAIL, asking.purpose(), asking.at());
    }
  }

  /** The evidence item that names the confirmation message of a channel: the mail's Message-ID or the SMS's id. */
  static String messageIdKey(Channel channel) {
    return channel == Channel.EMAIL ? Evidence.MAIL_MESSAGE_ID : Evidence.SMS_MESSAGE_ID;
  }

  /**
   * The basis a confirmation of the channel gives: a double opt-in for email, documented consent for a phone number
   * whose owner confirmed the link in the SMS.
   */
  static LegalBasis basisOf(Channel channel) {
    return channel == Channel.EMAIL ? LegalBasis.CONSENT_DOI : LegalBasis.CONSENT_DOCUMENTED;
  }

  private static String required(Map<String, String> evidence, String key) {
    String value = evidence.get(key);
    if (value == null) {
      throw new IllegalArgumentException("the asking event's evidence has no " + key);
    }
    return value;
  }

  private static byte[] json(Map<String, String> values) {
    try {
      return JSON.writeValueAsBytes(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }
}
