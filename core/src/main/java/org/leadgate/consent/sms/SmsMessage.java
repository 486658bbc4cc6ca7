package org.leadgate.consent.sms;

import java.util.Objects;

/**
 * One SMS LeadGate sends (today: the confirmation link for phone consent).
 *
 * @param id LeadGate's id of the SMS, chosen before sending and kept as evidence
 * @param to the phone number, digits with a leading {@code +} where it was entered with one
 * @param text the checked text ({@link SmsTemplate})
 */
public record SmsMessage(String id, String to, String text) {
  public SmsMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
  }

  /** Never shows the number or the text (personal data, a secret link). */
  @Override
  public String toString() {
    return "SmsMessage[id=" + id + "]";
  }
}
