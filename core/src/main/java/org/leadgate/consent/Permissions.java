package org.leadgate.consent;

import java.util.List;

/** What the CRM may do with a lead now, per channel and purpose, with the status and basis behind it. */
public record Permissions(List<Permission> entries) {
  public static final Permissions NONE = new Permissions(List.of());

  public Permissions {
    entries = List.copyOf(entries);
  }

  /**
   * One channel and purpose.
   *
   * @param stale the consent still permits but was not used, confirmed or granted for
   *     {@code consent.retention.staleAfter}: it needs re-permission before it is blocked (law.md 24)
   */
  public record Permission(Channel channel, String purpose, ConsentStatus status, LegalBasis basis, boolean stale) {
    public boolean permitted() {
      return status.permits();
    }
  }
}
