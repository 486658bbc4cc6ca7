package org.leadgate.consent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a person may be contacted for marketing. */
public enum Channel {
  EMAIL,
  PHONE,
  SMS,
  POST;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> parse(String id) {
    return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
  }
}
