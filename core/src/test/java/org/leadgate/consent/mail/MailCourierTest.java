package org.leadgate.consent.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leadgate.consent.ConfirmationRequests;
import org.leadgate.consent.Courier;

/** The mail courier: which template a parcel gets, and which failures are worth another attempt. */
class MailCourierTest {
  private static final String REPERMISSION_SUBJECT = MailSettings.DEFAULT_REPERMISSION_SUBJECT;
  private final List<OutgoingMail> sent = new ArrayList<>();

  private MailCourier courier(MailSender sender) {
    MailSettings settings = MailFixtures.settings(MailFixtures.MINIMAL);
    return new MailCourier(new DoiMailTemplate(settings.doiMail()), new DoiMailTemplate(settings.repermissionMail()),
        sender);
  }

  private static Courier.Parcel parcel(ConfirmationRequests.Mail mail) {
    return new Courier.Parcel(MailFixtures.MESSAGE_ID, MailFixtures.TO, MailFixtures.PURPOSE,
        MailFixtures.CONFIRM_URL, Optional.of(MailFixtures.WITHDRAW_URL), mail);
  }

  @Test
  void aSentMailAnswersItsTemplatesContentVersion() {
    MailSettings settings = MailFixtures.settings(MailFixtures.MINIMAL);
    MailCourier courier = courier(sent::add);

    assertEquals(new Courier.Delivery.Sent(new DoiMailTemplate(settings.doiMail()).version(), Optional.empty()),
        courier.deliver(parcel(ConfirmationRequests.Mail.SIGN_UP)));
    assertEquals(new Courier.Delivery.Sent(new DoiMailTemplate(settings.repermissionMail()).version(),
        Optional.empty()), courier.deliver(parcel(ConfirmationRequests.Mail.REPERMISSION)));
    assertEquals(List.of(MailSettings.DEFAULT_SUBJECT, REPERMISSION_SUBJECT),
        sent.stream().map(OutgoingMail::subject).toList());
  }

  @Test
  void aServerThatIsDownIsAPassingFailureAndAPermanentRefusalIsNot() {
    Courier.Delivery down = courier(mail -> {
      throw new MailDeliveryException("connection refused", null);
    }).deliver(parcel(ConfirmationRequests.Mail.SIGN_UP));
    Courier.Delivery refused = courier(mail -> {
      throw new MailDeliveryException("550 5.1.1 <" + MailFixtures.TO + ">: user unknown", null, true);
    }).deliver(parcel(ConfirmationRequests.Mail.SIGN_UP));

    assertEquals(new Courier.Delivery.Failed(false, "MailDeliveryException"), down);
    assertEquals(new Courier.Delivery.Failed(true, "MailDeliveryException (permanent)"), refused);
    assertFalse(refused.toString().contains(MailFixtures.TO), "the server's answer quotes the address");
  }

  @Test
  void aMailThatCannotBeBuiltIsGivenUp() {
    Courier.Delivery invalid = courier(sent::add).deliver(new Courier.Parcel(MailFixtures.MESSAGE_ID,
        "not an address", MailFixtures.PURPOSE, MailFixtures.CONFIRM_URL, Optional.of(MailFixtures.WITHDRAW_URL),
        ConfirmationRequests.Mail.SIGN_UP));

    assertEquals(new Courier.Delivery.Failed(true, "invalid mail: IllegalArgumentException"), invalid);
    assertEquals(List.of(), sent);
  }
}
