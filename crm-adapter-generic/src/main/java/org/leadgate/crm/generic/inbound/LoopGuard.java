package org.leadgate.crm.generic.inbound;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.leadgate.config.ConfigNode;

/**
 * Recognises an item that LeadGate's own write-back caused (the CRM calls the webhook for every change, including
 * LeadGate's): the value at {@code pointer} equals {@code value}, for example the record's last modifier is
 * LeadGate's integration user, or a marker property ({@code leadgate_sync: true}) that the write-back sets. Such
 * items are acknowledged but not taken in, so that a lead does not loop between gateway and CRM.
 */
record LoopGuard(JsonPointer pointer, String value) {
  LoopGuard {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(value, "value");
  }

  /** Whether the item holds {@link #value} (as text: {@code true}, {@code 42}, {@code 005xx}) at the pointer. */
  boolean matches(JsonNode item) {
    JsonNode found = item.at(pointer);
    return found.isValueNode() && !found.isNull() && found.asText().equals(value);
  }

  /** Reads {@code loopGuard}: a list of {@code {pointer, value}}. */
  static List<LoopGuard> from(ConfigNode source) {
    List<LoopGuard> guards = new ArrayList<>();
    for (ConfigNode guard : source.list("loopGuard")) {
      guard.allowOnly("pointer", "value");
      guards.add(new LoopGuard(ItemMapping.pointer(guard, "pointer"), guard.string("value")));
    }
    return guards;
  }
}
