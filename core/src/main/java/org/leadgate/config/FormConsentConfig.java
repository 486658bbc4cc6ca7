package org.leadgate.config;

import java.util.regex.Pattern;
import org.leadgate.consent.Channel;

/**
 * A consent checkbox on a form: ticking it asks for consent to one channel for one purpose, with one wording.
 * The box is never pre-ticked.
 */
public record FormConsentConfig(String field, Channel channel, String purpose, String wording) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  static FormConsentConfig from(ConfigNode node) {
    node.allowOnly("field", "channel", "purpose", "wording", "checked");
    String field = node.string("field");
    if (!NAME.matcher(field).matches()) {
      throw node.error("field", "must start with a letter and hold only letters, digits and '_' but was '"
          + field + "'");
    }
    if (node.bool("checked", false)) {
      throw node.error("checked", "a consent box must not be pre-ticked (DSGVO Art. 4 Nr. 11, CJEU C-673/17"
          + " Planet49); remove 'checked'");
    }
    String channel = node.string("channel");
    return new FormConsentConfig(field,
        Channel.parse(channel).orElseThrow(() -> node.error("channel",
            "unknown channel '" + channel + "'; known channels: email, phone, sms, post")),
        node.string("purpose"), node.string("wording"));
  }
}
