/**
 * Confirming phone consent by SMS (law.md 9): a ticked phone or SMS box is only {@code requested} until the number's
 * owner opens the link texted to it and presses the button. The checked, advertising-free text
 * ({@link org.leadgate.consent.sms.SmsTemplate}), the senders that post it to a generic HTTP SMS gateway or write it
 * as a text file when none is configured ({@link org.leadgate.consent.sms.SmsSenders}), and the courier the
 * {@link org.leadgate.consent.ConfirmationSender} hands the requests to ({@link org.leadgate.consent.sms.SmsCourier}).
 */
package org.leadgate.consent.sms;
