package org.leadgate.quality;

import java.util.Optional;

/**
 * A company name made tidy: {@code display} to show and store ("Müller GmbH"), {@code key} to match on (folded, no
 * punctuation, spaces or legal form: "mueller"; empty when the name has no letters or digits), and the legal form
 * in its canonical spelling when one ends the name.
 */
public record CompanyName(String display, String key, Optional<String> legalForm) {

  /**
   * Whether both name the same company: equal non-empty keys and no contradicting legal forms, so "Mueller
   * G.m.b.H." and "Müller" are the same, "Müller GmbH" and "Müller AG" are not.
   */
  public boolean sameCompanyAs(CompanyName other) {
    return !key.isEmpty() && key.equals(other.key)
        && (legalForm.isEmpty() || other.legalForm.isEmpty() || legalForm.equals(other.legalForm));
  }
}
