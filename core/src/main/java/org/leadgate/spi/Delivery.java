package org.leadgate.spi;

import java.util.Objects;
import java.util.Optional;
import org.leadgate.lead.Lead;

/**
 * One attempt to hand a lead to a CRM.
 *
 * @param lead the lead to write
 * @param idempotencyKey stable across attempts of the same lead, for CRMs that deduplicate writes
 * @param attempt 1 for the first attempt
 * @param crmRecordId the lead's record id in the CRM when known: from an earlier delivery, or because the lead came
 *     from the CRM (a webhook); an adapter updates that record instead of creating one
 */
public record Delivery(Lead lead, String idempotencyKey, int attempt, Optional<String> crmRecordId) {
  public Delivery {
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(crmRecordId, "crmRecordId");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1 but was " + attempt);
    }
  }

  /** A delivery of a lead the CRM does not know yet. */
  public Delivery(Lead lead, String idempotencyKey, int attempt) {
    this(lead, idempotencyKey, attempt, Optional.empty());
  }
}
