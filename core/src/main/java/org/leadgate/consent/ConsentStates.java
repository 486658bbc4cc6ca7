package org.leadgate.consent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.consent.ledger.ConsentEvent;

/**
 * Derives each consent's status from a subject's events, in ledger order. The rules that protect people:
 * a withdrawal or objection is only ever lifted by a new confirmation (a double opt-in, or for a phone number the
 * link in an SMS), never by a grant from a form,
 * a CRM or a merge, nor by a new request that is still unconfirmed; a new request does not downgrade a confirmed
 * consent either.
 */
public final class ConsentStates {
  private ConsentStates() {}

  /** The key of one consent of a subject. */
  public record Key(Channel channel, String purpose) {}

  public static Map<Key, ConsentState> of(List<ConsentEvent> events) {
    Map<Key, ConsentState> states = new LinkedHashMap<>();
    for (ConsentEvent event : events) {
      Key key = new Key(event.channel(), event.purpose());
      ConsentState current = states.get(key);
      ConsentState next = apply(current, event);
      if (next != null) {
        states.put(key, next);
      }
    }
    return states;
  }

  private static ConsentState apply(ConsentState current, ConsentEvent event) {
    ConsentStatus status = current == null ? ConsentStatus.NONE : current.status();
    Optional<Instant> lastActivity = current == null ? Optional.empty() : current.lastActivity();
    return switch (event.action()) {
      case REQUESTED -> status.permits() || status == ConsentStatus.WITHDRAWN || status == ConsentStatus.OBJECTED
          ? current
          : state(event, ConsentStatus.REQUESTED, event.basis(), lastActivity, Optional.empty());
      case CONFIRMED -> state(event, ConsentStatus.CONFIRMED, event.basis(), Optional.of(event.at()),
          Optional.empty());
      case GRANTED -> status == ConsentStatus.WITHDRAWN || status == ConsentStatus.OBJECTED
          || status == ConsentStatus.CONFIRMED ? current
          : state(event, ConsentStatus.GRANTED, event.basis(), Optional.of(event.at()), Optional.empty());
      case WITHDRAWN -> status == ConsentStatus.OBJECTED ? current
          : state(event, ConsentStatus.WITHDRAWN, LegalBasis.NONE, lastActivity, Optional.of(event.at()));
      case OBJECTED -> state(event, ConsentStatus.OBJECTED, LegalBasis.NONE, lastActivity, Optional.of(event.at()));
      case EXPIRED -> status.permits()
          ? state(event, ConsentStatus.EXPIRED, LegalBasis.NONE, lastActivity, Optional.of(event.at()))
          : current;
      case STALE -> current;
      case USED -> current == null ? null
          : new ConsentState(current.channel(), current.purpose(), current.status(), current.basis(),
              current.since(), Optional.of(event.at()), current.ended());
    };
  }

  private static ConsentState state(ConsentEvent event, ConsentStatus status, LegalBasis basis,
      Optional<Instant> lastActivity, Optional<Instant> ended) {
    return new ConsentState(event.channel(), event.purpose(), status, basis, event.at(), lastActivity, ended);
  }
}
