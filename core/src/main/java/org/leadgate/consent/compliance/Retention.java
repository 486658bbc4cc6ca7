package org.leadgate.consent.compliance;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leadgate.consent.ConsentState;
import org.leadgate.consent.ConsentStates;
import org.leadgate.consent.ledger.ConsentEvent;

/**
 * How long a subject's consent proof must be kept (law.md 17 and 19): only consents that were once confirmed or
 * granted need proof; a consent that was only requested (never confirmed) proves nothing anyone could claim
 * against. The date is the latest {@link ConsentState#proofRetainedUntil()} the consent had after any of its
 * events, so a withdrawal keeps counting even when a later sign-up (not confirmed) starts a new request, which
 * drops the end from the state.
 */
final class Retention {
  private Retention() {}

  /** Per consent that was once confirmed or granted, until when its proof is kept. */
  static Map<ConsentStates.Key, Instant> perConsent(List<ConsentEvent> events) {
    Set<ConsentStates.Key> reached = new HashSet<>();
    Map<ConsentStates.Key, Instant> retained = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      ConsentEvent event = events.get(i);
      ConsentStates.Key key = new ConsentStates.Key(event.channel(), event.purpose());
      ConsentState state = ConsentStates.of(events.subList(0, i + 1)).get(key);
      if (state == null) {
        continue;
      }
      if (state.status().permits()) {
        reached.add(key);
      }
      if (reached.contains(key)) {
        retained.merge(key, state.proofRetainedUntil(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    return retained;
  }

  /** The latest retention of any consent; empty if no consent was ever confirmed or granted. */
  static Optional<Instant> until(List<ConsentEvent> events) {
    return perConsent(events).values().stream().max(Instant::compareTo);
  }
}
