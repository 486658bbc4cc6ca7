package org.leadgate.consent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
   * @param since when the current status began (the grant, confirmation or withdrawal); empty when never asked
   */
  public record Permission(Channel channel, String purpose, ConsentStatus status, LegalBasis basis, boolean stale,
      Optional<Instant> since) {
    public Permission {
      Objects.requireNonNull(since, "since");
    }

    /** A permission whose start is not known (tests, imports). */
    public Permission(Channel channel, String purpose, ConsentStatus status, LegalBasis basis, boolean stale) {
      this(channel, purpose, status, basis, stale, Optional.empty());
    }

    public boolean permitted() {
      return status.permits();
    }
  }
}
