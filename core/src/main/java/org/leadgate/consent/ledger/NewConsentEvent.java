package org.leadgate.consent.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.leadgate.consent.Action;
import org.leadgate.consent.Actor;
import org.leadgate.consent.Channel;
import org.leadgate.consent.Evidence;
import org.leadgate.consent.LegalBasis;

/**
 * A consent event about to be appended to the ledger.
 *
 * @param subjectKey the subject's pseudonymous key ({@link SubjectKeys#keyOf})
 */
public record NewConsentEvent(
    Instant at,
    String subjectKey,
    Channel channel,
    String purpose,
    Action action,
    LegalBasis basis,
    Evidence evidence,
    Actor actor,
    Optional<String> leadId) {

  public NewConsentEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(subjectKey, "subjectKey");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(leadId, "leadId");
  }
}
