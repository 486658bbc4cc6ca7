package org.leadgate.consent;

import java.util.List;

/** What the CRM may do with a lead now, per channel and purpose, with the status and basis behind it. */
public record Permissions(List<Permission> entries) {
  public static final Permissions NONE = new Permissions(List.of());

  public Permissions {
    entries = List.copyOf(entries);
  }

  /** One channel and purpose. */
  public record Permission(Channel channel, String purpose, ConsentStatus status, LegalBasis basis) {
    public boolean permitted() {
      return status.permits();
    }
  }
}
