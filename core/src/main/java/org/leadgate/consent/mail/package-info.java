/**
 * Sending confirmation mails (the double opt-in's, and the re-permission mail for stale consent): their checked,
 * advertising-free templates ({@link org.leadgate.consent.mail.DoiMailTemplate}), the senders that hand them to an
 * SMTP server or write them as {@code .eml} files when no server is configured
 * ({@link org.leadgate.consent.mail.MailSenders}), and the courier the
 * {@link org.leadgate.consent.ConfirmationSender} hands the requests to
 * ({@link org.leadgate.consent.mail.MailCourier}).
 */
package org.leadgate.consent.mail;
