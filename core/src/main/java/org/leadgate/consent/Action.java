package org.leadgate.consent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What happened to a consent; the current status of a consent is derived from these, never stored. */
public enum Action {
  /** A confirmation was started: a confirmation mail (double opt-in) or, for a phone number, an SMS is on its way. */
  REQUESTED,
  /** The address owner confirmed: clicked the link in the confirmation mail or SMS. */
  CONFIRMED,
  /** Consent given without a confirmation by its owner (presumed B2B, existing customer). */
  GRANTED,
  /** The person withdrew consent (DSGVO Art. 7(3)). */
  WITHDRAWN,
  /** The person objected to direct marketing (DSGVO Art. 21). */
  OBJECTED,
  /**
   * Not used, confirmed or granted for {@code consent.retention.staleAfter}: the consent still permits (whether it is
   * stale is derived from the time of its last activity, not from this event), the CRM was told, and for email
   * consent by double opt-in a re-permission mail was started (its Message-ID is in the evidence). Recorded once per
   * stale period.
   */
  STALE,
  /** Not renewed for {@code consent.retention.blockAfter}: blocked, re-permission needed (a new double opt-in). */
  EXPIRED,
  /** The consent was used (phone contact made); pushes retention out (UWG §7a). */
  USED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Action> parse(String id) {
    return Arrays.stream(values()).filter(a -> a.id().equals(id)).findFirst();
  }
}
