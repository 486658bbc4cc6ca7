package org.leadgate.consent.sms;

/** Hands an SMS to an SMS gateway, or writes it where an admin can read it. */
public interface SmsSender extends AutoCloseable {
  /** Sends one SMS; an expected failure is a result, never an exception. */
  SmsResult send(SmsMessage message);

  @Override
  default void close() {}
}
