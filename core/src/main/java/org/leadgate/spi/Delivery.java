package org.leadgate.spi;

import java.util.Objects;
import org.leadgate.lead.Lead;

/**
 * One attempt to hand a lead to a CRM.
 *
 * @param lead the lead to write
 * @param idempotencyKey stable across attempts of the same lead, for CRMs that deduplicate writes
 * @param attempt 1 for the first attempt
 */
public record Delivery(Lead lead, String idempotencyKey, int attempt) {
  public Delivery {
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1 but was " + attempt);
    }
  }
}
