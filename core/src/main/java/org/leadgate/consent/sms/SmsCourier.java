package org.leadgate.consent.sms;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import org.leadgate.config.FormConfig;
import org.leadgate.config.FormConsentConfig;
import org.leadgate.config.GatewayConfig;
import org.leadgate.config.PurposeConfig;
import org.leadgate.consent.Channel;
import org.leadgate.consent.Courier;

/**
 * Texts the confirmation link of phone and SMS consent to the number (law.md 9): the checked {@link SmsTemplate}
 * through the configured {@link SmsSender}.
 */
public final class SmsCourier implements Courier {
  private final SmsTemplate template;
  private final SmsSender sender;

  public SmsCourier(SmsTemplate template, SmsSender sender) {
    this.template = template;
    this.sender = sender;
  }

  /**
   * The courier for a configuration: reads and checks {@code consent.sms} (the text against the purposes that forms
   * ask phone or SMS consent for) and chooses the sender ({@link SmsSenders#create}).
   *
   * @param defaultSender the sender name when {@code consent.sms.sender} is not given
   * @throws org.leadgate.config.ConfigException naming the key of the first bad value
   */
  public static SmsCourier create(GatewayConfig config, URI baseUrl, String defaultSender, Clock clock) {
    SmsSettings settings = SmsSettings.from(config.consent().section(), defaultSender);
    Set<String> purposes = new LinkedHashSet<>();
    for (FormConfig form : config.forms()) {
      for (FormConsentConfig box : form.consents()) {
        if (box.channel() == Channel.PHONE || box.channel() == Channel.SMS) {
          config.consent().purpose(box.purpose()).map(PurposeConfig::description).ifPresent(purposes::add);
        }
      }
    }
    return new SmsCourier(new SmsTemplate(settings, baseUrl, purposes),
        SmsSenders.create(settings, config.dataDirectory(), clock));
  }

  @Override
  public String name() {
    return "sms";
  }

  /** A text that cannot be built and a gateway's refusal are permanent; other failures pass. */
  @Override
  public Delivery deliver(Parcel parcel) {
    String text;
    try {
      text = template.render(parcel.purpose(), parcel.confirmUrl());
    } catch (IllegalArgumentException e) {
      return new Delivery.Failed(true, "invalid SMS: " + e.getMessage());
    }
    SmsResult result = sender.send(new SmsMessage(parcel.messageId(), parcel.address(), text));
    if (result instanceof SmsResult.Sent sent) {
      return new Delivery.Sent(template.version(), sent.gatewayMessageId());
    }
    SmsResult.Failed failed = (SmsResult.Failed) result;
    return new Delivery.Failed(failed.permanent(), failed.reason());
  }

  @Override
  public void close() {
    sender.close();
  }
}
