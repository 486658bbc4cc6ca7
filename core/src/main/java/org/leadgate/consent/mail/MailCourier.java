package org.leadgate.consent.mail;

import java.nio.file.Path;
import java.util.Optional;
import org.leadgate.consent.ConfirmationRequests;
import org.leadgate.consent.Courier;

/**
 * Sends confirmation mails: the double opt-in mail of a sign-up and the re-permission mail of stale consent, each
 * from its checked template, through the configured {@link MailSender}.
 */
public final class MailCourier implements Courier {
  private final DoiMailTemplate signUp;
  private final DoiMailTemplate repermission;
  private final MailSender sender;

  /**
   * @param signUp the double opt-in confirmation mail
   * @param repermission the re-permission mail for stale double opt-in consent
   */
  public MailCourier(DoiMailTemplate signUp, DoiMailTemplate repermission, MailSender sender) {
    this.signUp = signUp;
    this.repermission = repermission;
    this.sender = sender;
  }

  /** The courier for the settings: their two templates and sender (see {@link MailSenders#create}). */
  public static MailCourier create(MailSettings settings, Path dataDirectory) {
    return new MailCourier(new DoiMailTemplate(settings.doiMail()), new DoiMailTemplate(settings.repermissionMail()),
        MailSenders.create(settings, dataDirectory));
  }

  @Override
  public String name() {
    return "mail";
  }

  /** A server's permanent refusal (5xx) and a mail that cannot be built are permanent; other failures pass. */
  @Override
  public Delivery deliver(Parcel parcel) {
    DoiMailTemplate template = parcel.mail() == ConfirmationRequests.Mail.REPERMISSION ? repermission : signUp;
    try {
      sender.send(template.render(parcel.messageId(), parcel.address(), parcel.purpose(), parcel.confirmUrl(),
          parcel.withdrawUrl().orElseThrow(() -> new IllegalArgumentException("a mail needs its withdrawal link"))));
      return new Delivery.Sent(template.version(), Optional.empty());
    } catch (MailDeliveryException e) {
      // the exception's message may quote the server, which may quote the address: only its kind is told
      return new Delivery.Failed(e.permanent(), e.getClass().getSimpleName() + (e.permanent() ? " (permanent)" : ""));
    } catch (IllegalArgumentException e) {
      return new Delivery.Failed(true, "invalid mail: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    sender.close();
  }
}
