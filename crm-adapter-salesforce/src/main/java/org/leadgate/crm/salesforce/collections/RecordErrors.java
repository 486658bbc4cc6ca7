package org.leadgate.crm.salesforce.collections;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.leadgate.crm.salesforce.api.SalesforceError;
import org.leadgate.spi.DeliveryResult;

/**
 * What a record's errors mean for its lead: a locked row or a server-side hiccup retries; anything else (missing
 * required field, validation rule, invalid email, too long, duplicate, bad reference) is the record's own and
 * rejects it with Salesforce's code, message and fields.
 */
public final class RecordErrors {
  private static final Set<String> PASSING = Set.of("UNABLE_TO_LOCK_ROW", "UNKNOWN_EXCEPTION", "SERVER_UNAVAILABLE",
      "REQUEST_LIMIT_EXCEEDED", "ALL_OR_NONE_OPERATION_ROLLED_BACK", "PROCESSING_HALTED");

  private RecordErrors() {}

  public static DeliveryResult result(List<SalesforceError> errors) {
    String described = errors.isEmpty() ? "no error given"
        : errors.stream().map(SalesforceError::describe).collect(Collectors.joining("; "));
    if (!errors.isEmpty() && errors.stream().allMatch(error -> PASSING.contains(error.code()))) {
      return DeliveryResult.retry("Salesforce could not save the record for now: " + described);
    }
    return DeliveryResult.rejected("Salesforce refused the record: " + described);
  }

  /** The lead's result for one outcome; {@code Saved} is delivered to its record id. */
  public static DeliveryResult result(RecordOutcome outcome) {
    if (outcome instanceof RecordOutcome.Saved saved) {
      return DeliveryResult.delivered(saved.id());
    }
    if (outcome instanceof RecordOutcome.Refused refused) {
      return result(refused.errors());
    }
    return ((RecordOutcome.Unsent) outcome).result();
  }
}
