package org.leadgate.pipeline;

import java.util.List;
import java.util.Objects;
import org.leadgate.lead.Lead;
import org.leadgate.spi.DeliveryResult;

/** What a pipeline made of a lead. */
public sealed interface Outcome {

  /**
   * Durably stored; {@code replayed} when an earlier submission with the same idempotency key already was;
   * {@code consents} says what became of each consent box that was ticked.
   */
  record Accepted(String leadId, boolean replayed, List<ConsentReply> consents) implements Outcome {
    public Accepted {
      consents = List.copyOf(consents);
    }

    public Accepted(String leadId, boolean replayed) {
      this(leadId, replayed, List.of());
    }
  }

  /**
   * What became of one ticked consent box, for example {@code email/newsletter: confirmation-mail-sent} or
   * {@code already-confirmed}.
   */
  record ConsentReply(String channel, String purpose, String status) {}

  /** Refused before anything was stored, with a reason per field. */
  record Invalid(List<FieldProblem> problems) implements Outcome {
    public Invalid {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid outcome names at least one problem");
      }
    }
  }

  /** Passed every delivery stage: {@code lead} is what goes to the CRM. */
  record ReadyForCrm(Lead lead) implements Outcome {
    public ReadyForCrm {
      Objects.requireNonNull(lead, "lead");
    }
  }

  /** Handed to the CRM, which answered {@code result}; or a stage answered for it (try again later). */
  record CrmAnswered(DeliveryResult result) implements Outcome {
    public CrmAnswered {
      Objects.requireNonNull(result, "result");
    }
  }
}
