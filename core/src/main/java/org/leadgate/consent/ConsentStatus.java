package org.leadgate.consent;

import java.util.Locale;

/** Where one consent (subject, channel, purpose) stands, derived from its events. */
public enum ConsentStatus {
  /** Never asked, or asked without an affirmative act. */
  NONE,
  /** A confirmation (double opt-in, or the link in an SMS) is pending. */
  REQUESTED,
  /** Confirmed by its owner: double opt-in for email, the link in an SMS for a phone number. */
  CONFIRMED,
  /** Granted on another basis (presumed B2B, existing customer). */
  GRANTED,
  WITHDRAWN,
  OBJECTED,
  /** Blocked: not renewed for {@code consent.retention.blockAfter} (law.md 24); a new double opt-in renews it. */
  EXPIRED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the channel may be used for the purpose. */
  public boolean permits() {
    return this == CONFIRMED || this == GRANTED;
  }
}
