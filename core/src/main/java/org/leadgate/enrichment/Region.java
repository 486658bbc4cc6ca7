package org.leadgate.enrichment;

import java.util.Arrays;
import java.util.Optional;

/** Where a provider processes the data sent to it, shown in health for the data protection officer. */
public enum Region {
  /** On this machine: no data leaves the gateway (local databases). */
  LOCAL("local"),
  /** Inside the EU/EEA. */
  EU("eu"),
  /** A third country (GDPR Chapter V transfer). */
  THIRD_COUNTRY("third-country");

  private final String id;

  Region(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<Region> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}
