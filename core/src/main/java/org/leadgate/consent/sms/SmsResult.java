package org.leadgate.consent.sms;

import java.util.Optional;

/** What became of one SMS. */
public sealed interface SmsResult {
  /**
   * The gateway took the SMS (or it was written to a file).
   *
   * @param gatewayMessageId the gateway's id of the SMS, where it answers one
   */
  record Sent(Optional<String> gatewayMessageId) implements SmsResult {}

  /**
   * Not sent.
   *
   * @param permanent sending it again would fail the same way (the gateway refused it with a 4xx)
   * @param reason for the log: statuses and kinds only, never the number or the text
   */
  record Failed(boolean permanent, String reason) implements SmsResult {}
}
