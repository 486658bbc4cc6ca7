package org.leadgate.crm.generic.inbound;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.pipeline.FieldProblem;

/** What the mapping made of one item of a webhook request. */
sealed interface MappedItem {
  /**
   * The values of a lead, by lead field name, the CRM record it came from, when that record changed and the
   * sender's event id, if mapped; and the item itself as JSON, kept as the lead's raw submission.
   */
  record Mapped(Map<String, List<String>> values, Optional<String> crmRecordId, Optional<Instant> changedAt,
      Optional<String> eventId, String json) implements MappedItem {
    public Mapped {
      values = Map.copyOf(values);
    }
  }

  /** An item LeadGate's own write-back caused ({@link LoopGuard}): acknowledged, not taken in. */
  record Skipped(String reason) implements MappedItem {}

  /** An item the mapping cannot read (not an object, a value that is an object or list, a missing event id). */
  record Unreadable(List<FieldProblem> problems) implements MappedItem {
    public Unreadable {
      problems = List.copyOf(problems);
    }
  }
}
