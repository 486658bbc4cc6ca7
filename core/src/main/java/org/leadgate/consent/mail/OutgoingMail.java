package org.leadgate.consent.mail;

import java.util.Objects;

/**
 * One mail LeadGate sends (today: the double opt-in confirmation). Plain text only.
 *
 * @param messageId the RFC 5322 Message-ID, chosen before sending so that it can be kept as evidence
 *     (for example {@code <3f2c…@leadgate>})
 * @param to the recipient's address, already validated; never a display name
 * @param withdrawUrl the one-click withdrawal URL for {@code List-Unsubscribe} (RFC 8058)
 */
public record OutgoingMail(String messageId, String to, String subject, String body, String withdrawUrl) {
  public OutgoingMail {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(withdrawUrl, "withdrawUrl");
  }
}
