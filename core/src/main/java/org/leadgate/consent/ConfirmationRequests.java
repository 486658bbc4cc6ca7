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
 * Starts a confirmation by mail, for the double opt-in of a sign-up and for the re-permission of stale consent
 * alike: the event that asks, whose evidence names the mail's Message-ID; the request with its single-use
 * confirmation token, valid until {@code expiresAt}; a withdrawal token (both tokens stored only as hashes); and,
 * sealed under the subject's key until the {@link DoiMailer} sends it, what the mail needs. A click on the link is
 * recorded by {@link ConsentService#confirm}.
 */
public final class ConfirmationRequests {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The key of the sealed mail payload that says which mail to send. */
  static final String MAIL = "mail";

  /** Which mail asks for the confirmation. */
  public enum Mail {
    /** The double opt-in confirmation of a sign-up. */
    SIGN_UP,
    /** The re-permission mail of stale double opt-in consent (law.md 24). */
    REPERMISSION
  }

  private ConfirmationRequests() {}

  /**
   * Starts one confirmation in the caller's transaction.
   *
   * @param asking the email event that asks ({@code requested} or {@code stale}); its evidence holds the address,
   *     form and wording, and it names its lead
   * @param purposeDescription what the person confirms, for the mail
   * @param ipKey the keyed hash of the sign-up's IP, for the rate limit per IP; empty for the system's own mails
   */
  public static void start(Connection connection, Ledger ledger, NewConsentEvent asking, Mail mail,
      String purposeDescription, Instant expiresAt, Optional<String> ipKey) throws SQLException {
    Map<String, String> evidence = new LinkedHashMap<>(asking.evidence().items());
    String address = Subject.email(required(evidence, Evidence.ADDRESS)).value();
    String leadId = asking.leadId().orElseThrow(() -> new IllegalArgumentException("a confirmation names its lead"));
    String confirmToken = Tokens.create();
    String withdrawToken = Tokens.create();
    String messageId = "<" + UUID.randomUUID() + "@leadgate>";
    evidence.put(Evidence.MAIL_MESSAGE_ID, messageId);
    ledger.append(connection, List.of(new NewConsentEvent(asking.at(), asking.subjectKey(), asking.channel(),
        asking.purpose(), asking.action(), asking.basis(), new Evidence(evidence), asking.actor(), asking.leadId())));
    String payload = ledger.keys().seal(connection, asking.subjectKey(), asking.at(), json(Map.of(
        "address", address, "confirmToken", confirmToken, "withdrawToken", withdrawToken,
        "purpose", purposeDescription, MAIL, mail.name())));
    ConsentStore.insertDoiRequest(connection, new ConsentStore.DoiRequest(Tokens.hash(confirmToken),
        asking.subjectKey(), asking.purpose(), leadId, required(evidence, Evidence.FORM_ID),
        required(evidence, Evidence.WORDING_ID), messageId, Optional.of(payload), asking.at(), expiresAt, 0,
        Optional.empty(), Optional.empty(), Optional.empty()), ipKey);
    ConsentStore.insertWithdrawToken(connection, Tokens.hash(withdrawToken), asking.subjectKey(), Channel.EMAIL,
        asking.purpose(), asking.at());
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
