package org.leadgate.duplicates;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;

/**
 * The outcome of merging a submission into an existing lead, and what undoing it needs.
 *
 * @param lead the existing lead with the merged fields
 * @param conflicts typed values that disagreed, newest kept
 * @param replaced the existing lead's values the merge overwrote, by field
 * @param added the fields the existing lead did not have
 * @param at when the merge happened
 */
public record Merged(Lead lead, List<Conflict> conflicts, Map<String, FieldValue> replaced, Set<String> added,
    Instant at) {
  public Merged {
    conflicts = List.copyOf(conflicts);
    replaced = Map.copyOf(replaced);
    added = Set.copyOf(added);
  }
}
