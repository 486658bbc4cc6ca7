package org.leadgate.consent.sms;

import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the SMS sender for the settings. */
public final class SmsSenders {
  private static final Logger LOG = LoggerFactory.getLogger(SmsSenders.class);

  private SmsSenders() {}

  /**
   * The HTTP gateway sender if {@code consent.sms.url} is configured; otherwise the text file writer on
   * {@code <dataDirectory>/sms}, announced once in the log.
   */
  public static SmsSender create(SmsSettings settings, Path dataDirectory, Clock clock) {
    if (settings.gateway().isPresent()) {
      SmsSettings.Gateway gateway = settings.gateway().get();
      LOG.info("event=sms.http_gateway host={} auth={} message_id={}", gateway.url().getHost(),
          gateway.auth().isPresent(), gateway.messageIdPointer().isPresent() ? "gateway" : "own");
      return new HttpSmsSender(gateway);
    }
    Path directory = dataDirectory.resolve("sms").toAbsolutePath().normalize();
    LOG.info("event=sms.text_files dir={} note=\"no SMS gateway configured (consent.sms.url): SMS are written as"
        + " text files\"", directory);
    return new SmsFileSender(directory, clock);
  }
}
