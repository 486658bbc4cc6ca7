package org.leadgate.consent;

import java.util.Arrays;
import java.util.Optional;

/** Why a channel may be used for a purpose. */
public enum LegalBasis {
  /** Email consent proven by double opt-in (UWG §7(2) Nr. 2, BGH I ZR 164/09). */
  CONSENT_DOI("consent-doi"),
  /**
   * Phone or SMS consent documented with its evidence (UWG §7a) and verified by its owner: the link in an SMS to
   * the number was confirmed (law.md 9).
   */
  CONSENT_DOCUMENTED("consent-documented"),
  /** Presumed consent for calls to businesses (UWG §7(2) Nr. 1); never for consumers or freemail addresses. */
  PRESUMED_B2B("presumed-b2b"),
  /** Existing-customer exception for email (UWG §7(3)). */
  EXISTING_CUSTOMER("existing-customer"),
  /** No basis: the channel may not be used. */
  NONE("none");

  private final String id;

  LegalBasis(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<LegalBasis> parse(String id) {
    return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst();
  }
}
