package org.leadgate.duplicates;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;

/**
 * Merges a new submission into the lead it matched (progressive profiling), field by field:
 *
 * <ul>
 *   <li>a blank incoming value changes nothing; a field the lead lacks is added;</li>
 *   <li>a value from a stronger source replaces one from a weaker ({@link Provenance#outranks}), even when equal,
 *       so a typed confirmation of an enriched value counts as typed; a weaker value never replaces a stronger, so
 *       enriched values never replace typed ones;</li>
 *   <li>equal values from sources of the same rank keep the existing value with its earlier provenance;</li>
 *   <li>two different typed values: the newer one (by {@link Provenance#at}, the submission on a tie) is kept and
 *       the pair recorded as a {@link Conflict};</li>
 *   <li>two different values from the same weaker source: the existing one stays (refreshing enrichment is the
 *       enrichment's job).</li>
 * </ul>
 *
 * <p>The lead keeps its id, form, receipt time, permissions and score: a merge never widens consent.
 */
public final class ProfileMerge {

  private ProfileMerge() {
  }

  public static Merged merge(Lead existing, Lead incoming, Instant now) {
    Lead lead = existing;
    List<Conflict> conflicts = new ArrayList<>();
    Map<String, FieldValue> replaced = new LinkedHashMap<>();
    Set<String> added = new LinkedHashSet<>();
    for (Map.Entry<String, FieldValue> field : incoming.fields().entrySet()) {
      String name = field.getKey();
      FieldValue offered = field.getValue();
      FieldValue current = existing.fields().get(name);
      if (offered.value().isBlank()) {
        continue;
      }
      if (current == null) {
        added.add(name);
        lead = lead.withField(name, offered);
      } else if (offered.provenance().outranks(current.provenance())) {
        replaced.put(name, current);
        lead = lead.withField(name, offered);
      } else if (bothTypedAndDifferent(current, offered)) {
        boolean offeredIsNewer = !offered.provenance().at().isBefore(current.provenance().at());
        if (offeredIsNewer) {
          replaced.put(name, current);
          lead = lead.withField(name, offered);
        }
        conflicts.add(offeredIsNewer ? new Conflict(name, offered, current) : new Conflict(name, current, offered));
      }
    }
    return new Merged(lead, conflicts, replaced, added, now);
  }

  /**
   * The lead as it was before {@code merge} of {@code from} into it, given the lead as it is now: each field the
   * merge added or replaced goes back where it still holds the value {@code from} brought; a field changed since
   * (by a later merge, enrichment or the CRM) keeps its newer value.
   */
  public static Lead undo(Lead current, Lead from, Merged merge) {
    Map<String, FieldValue> fields = new LinkedHashMap<>(current.fields());
    for (String name : merge.added()) {
      if (stillFrom(current, from, name)) {
        fields.remove(name);
      }
    }
    merge.replaced().forEach((name, before) -> {
      if (stillFrom(current, from, name)) {
        fields.put(name, before);
      }
    });
    return new Lead(current.id(), current.formId(), current.receivedAt(), fields, current.permissions(),
        current.score());
  }

  private static boolean stillFrom(Lead current, Lead from, String name) {
    FieldValue now = current.fields().get(name);
    FieldValue brought = from.fields().get(name);
    return now != null && brought != null && now.value().equals(brought.value());
  }

  private static boolean bothTypedAndDifferent(FieldValue current, FieldValue offered) {
    return current.provenance().source() == Provenance.Source.TYPED
        && offered.provenance().source() == Provenance.Source.TYPED
        && !current.value().equals(offered.value());
  }
}
