package org.leadgate.consent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What happened to a consent; the current status of a consent is derived from these, never stored. */
public enum Action {
  /** A double opt-in was started: a confirmation mail is on its way. */
  REQUESTED,
  /** The address owner confirmed a double opt-in. */
  CONFIRMED,
  /** Consent given without a double opt-in (documented phone consent, presumed B2B, existing customer). */
  GRANTED,
  /** The person withdrew consent (DSGVO Art. 7(3)). */
  WITHDRAWN,
  /** The person objected to direct marketing (DSGVO Art. 21). */
  OBJECTED,
  /** Unused for too long: re-permission needed. */
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
