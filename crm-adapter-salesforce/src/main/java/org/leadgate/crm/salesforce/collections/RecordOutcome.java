package org.leadgate.crm.salesforce.collections;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.leadgate.crm.salesforce.api.SalesforceError;
import org.leadgate.spi.DeliveryResult;

/** What became of one record sent in a collection. */
public sealed interface RecordOutcome {

  /** Saved as the record {@code id}; {@code created} when an upsert inserted it. */
  record Saved(String id, boolean created) implements RecordOutcome {
    public Saved {
      Objects.requireNonNull(id, "id");
    }
  }

  /** Salesforce refused the record with these errors. */
  record Refused(List<SalesforceError> errors) implements RecordOutcome {
    public Refused {
      errors = List.copyOf(errors);
    }

    /** The duplicate-rule error, if that is why. */
    public Optional<SalesforceError> duplicate() {
      return errors.stream().filter(SalesforceError::isDuplicate).findFirst();
    }
  }

  /** The whole call failed (or was not made); {@code result} is what the lead gets for it. */
  record Unsent(DeliveryResult result) implements RecordOutcome {
    public Unsent {
      Objects.requireNonNull(result, "result");
    }
  }
}
