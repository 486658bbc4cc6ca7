package org.leadgate.scoring;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.leadgate.config.ConfigNode;

/** The part a person plays when a company buys (buying center), named in configuration in lower case. */
public enum BuyingRole {
  DECIDER,
  BUYER,
  INFLUENCER,
  USER,
  GATEKEEPER,
  INITIATOR;

  /** The name used in configuration and sent to the CRM, e.g. {@code decider}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static BuyingRole from(ConfigNode node, String key) {
    String text = node.string(key);
    return Arrays.stream(values())
        .filter(role -> role.id().equalsIgnoreCase(text))
        .findFirst()
        .orElseThrow(() -> node.error(key, "unknown role '" + text + "'; known roles: "
            + Arrays.stream(values()).map(BuyingRole::id).collect(Collectors.joining(", "))));
  }
}
