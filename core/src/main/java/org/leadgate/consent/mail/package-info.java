/**
 * Sending the double opt-in confirmation mail: its checked, advertising-free template ({@link
 * org.leadgate.consent.mail.DoiMailTemplate}) and the senders that hand it to an SMTP server or write it as an
 * {@code .eml} file when no server is configured ({@link org.leadgate.consent.mail.MailSenders}).
 */
package org.leadgate.consent.mail;
