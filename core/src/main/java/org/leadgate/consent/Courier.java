package org.leadgate.consent;

import java.util.Objects;
import java.util.Optional;

/**
 * Hands confirmation messages to people over one medium: mails for email addresses
 * ({@link org.leadgate.consent.mail.MailCourier}), SMS for phone numbers ({@link org.leadgate.consent.sms.SmsCourier}).
 * The {@link ConfirmationSender} decides when to send and retries what failed for a passing reason.
 */
public interface Courier extends AutoCloseable {
  /** What the medium is called in logs ({@code mail}, {@code sms}). */
  String name();

  /** Sends one confirmation message; an expected failure is a result, never an exception. */
  Delivery deliver(Parcel parcel);

  @Override
  default void close() {}

  /**
   * One confirmation message to send.
   *
   * @param messageId the id chosen for the message before sending (kept as evidence)
   * @param address the normalised email address or phone number
   * @param purpose what the person is asked to confirm, as configured
   * @param confirmUrl the confirmation link
   * @param withdrawUrl the withdrawal link (mails only)
   * @param mail which message asks: a sign-up's confirmation or a re-permission
   */
  record Parcel(String messageId, String address, String purpose, String confirmUrl, Optional<String> withdrawUrl,
      ConfirmationRequests.Mail mail) {
    public Parcel {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(purpose, "purpose");
      Objects.requireNonNull(confirmUrl, "confirmUrl");
      Objects.requireNonNull(withdrawUrl, "withdrawUrl");
      Objects.requireNonNull(mail, "mail");
    }

    /** Never shows the address or the links (personal data, secrets). */
    @Override
    public String toString() {
      return "Parcel[messageId=" + messageId + ", mail=" + mail + "]";
    }
  }

  /** What became of one message. */
  sealed interface Delivery {
    /**
     * Handed over.
     *
     * @param contentVersion the fingerprint of the template the message was made from (evidence)
     * @param gatewayMessageId the id the SMS gateway answered, if any
     */
    record Sent(String contentVersion, Optional<String> gatewayMessageId) implements Delivery {}

    /**
     * Not handed over.
     *
     * @param permanent sending it again would fail the same way (a refused recipient, an invalid message)
     * @param reason for the log: statuses and kinds only, never addresses or message text
     */
    record Failed(boolean permanent, String reason) implements Delivery {}
  }
}
