package org.leadgate.consent;

import java.util.Map;
import java.util.Objects;

/**
 * What proves a consent event, kept encrypted in the ledger under the subject's proof key: the address, the IP and
 * user agent, the page and form, the exact wording shown (id and SHA-256 of its text), the confirmation mail's
 * Message-ID or the confirmation SMS's id. Absent items are simply not in {@code items}.
 */
public record Evidence(Map<String, String> items) {
  public static final String ADDRESS = "address";
  public static final String IP = "ip";
  public static final String USER_AGENT = "userAgent";
  public static final String PAGE_URL = "pageUrl";
  public static final String FORM_ID = "formId";
  public static final String FORM_VERSION = "formVersion";
  public static final String WORDING_ID = "wordingId";
  public static final String WORDING_SHA256 = "wordingSha256";
  public static final String MAIL_MESSAGE_ID = "mailMessageId";
  public static final String MAIL_SENT_AT = "mailSentAt";
  public static final String MAIL_CONTENT_VERSION = "mailContentVersion";
  /** LeadGate's id of the confirmation SMS to a phone number, chosen before sending. */
  public static final String SMS_MESSAGE_ID = "smsMessageId";
  /** The id the SMS gateway gave the confirmation SMS, where it answers one. */
  public static final String SMS_GATEWAY_MESSAGE_ID = "smsGatewayMessageId";
  public static final String SMS_SENT_AT = "smsSentAt";
  public static final String SMS_CONTENT_VERSION = "smsContentVersion";
  public static final String NOTE = "note";

  public Evidence {
    items = Map.copyOf(Objects.requireNonNull(items, "items"));
  }

  public static Evidence none() {
    return new Evidence(Map.of());
  }
}
