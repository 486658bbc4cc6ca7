package org.leadgate.consent.mail;

/** A mail could not be handed to the SMTP server (or written); worth trying again later. */
public final class MailDeliveryException extends Exception {
  private final boolean permanent;

  public MailDeliveryException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /**
   * @param permanent the server refused the mail for good (a 5xx reply, such as an unknown recipient): sending the
   *     same mail again will fail the same way
   */
  public MailDeliveryException(String message, Throwable cause, boolean permanent) {
    super(message, cause);
    this.permanent = permanent;
  }

  /** Whether the server refused the mail for good (5xx); a retry is pointless. Otherwise try again later. */
  public boolean permanent() {
    return permanent;
  }
}
