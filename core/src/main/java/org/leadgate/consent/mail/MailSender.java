package org.leadgate.consent.mail;

/** Hands a mail to an SMTP server, or writes it where an admin can read it. */
public interface MailSender extends AutoCloseable {
  /**
   * Sends one mail.
   *
   * @throws MailDeliveryException if the mail could not be handed over; the caller retries later
   */
  void send(OutgoingMail mail) throws MailDeliveryException;

  @Override
  default void close() {}
}
