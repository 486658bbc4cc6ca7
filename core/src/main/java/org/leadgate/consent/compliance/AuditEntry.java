package org.leadgate.consent.compliance;

import java.time.Instant;
import java.util.Objects;

/**
 * Who exported or erased what, and when.
 *
 * @param principal the name of the API token used
 * @param action for example {@code consents.export}, {@code subjects.erase}
 * @param detail the filter, or the subject's pseudonymous key; never an address in clear
 */
public record AuditEntry(String id, Instant at, String principal, String action, String detail) {
  public static final String CONSENTS_EXPORT = "consents.export";
  public static final String SUBJECTS_PROOF = "subjects.proof";
  public static final String SUBJECTS_EXPORT = "subjects.export";
  public static final String SUBJECTS_ERASE = "subjects.erase";
  public static final String AUDIT_LIST = "audit.list";

  public AuditEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(detail, "detail");
  }
}
