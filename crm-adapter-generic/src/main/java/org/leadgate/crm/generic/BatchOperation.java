package org.leadgate.crm.generic;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.leadgate.crm.generic.template.BatchBody;
import org.leadgate.crm.generic.template.JsonTemplate;
import org.leadgate.crm.generic.template.LeadView;
import org.leadgate.crm.generic.template.PathTemplate;
import org.leadgate.crm.generic.template.TextTemplate;

/**
 * One request for up to {@code limit} leads the CRM has no known record of (an upsert): the {@code body} with one
 * {@code item} per lead. In a 2xx answer each lead's result is found in the {@code results} array, by {@code matchBy}
 * or else by position, and its record id at {@code recordId} inside the result.
 *
 * @param linger how long the delivery worker may hold fresh leads back to fill a batch
 * @param path fixed: one request carries many leads
 */
record BatchOperation(int limit, Duration linger, String method, PathTemplate path, BatchBody body, JsonTemplate item,
    Optional<JsonPointer> results, Optional<JsonPointer> recordId, Optional<Match> matchBy) {
  BatchOperation {
    Objects.requireNonNull(linger, "linger");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(matchBy, "matchBy");
  }

  /**
   * How a result is matched to its lead: the lead's {@code item} value (such as its email) equals, ignoring case as
   * CRMs normalise addresses, the value at {@code result} in the result.
   */
  record Match(TextTemplate item, JsonPointer result) {
    Match {
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(result, "result");
    }

    /** The first result in {@code results} that belongs to the lead. */
    Optional<JsonNode> find(JsonNode results, LeadView lead) {
      Optional<String> key = item.text(lead);
      if (key.isEmpty()) {
        return Optional.empty();
      }
      for (JsonNode result : results) {
        JsonNode value = result.at(this.result);
        if (value.isValueNode() && value.asText().equalsIgnoreCase(key.get())) {
          return Optional.of(result);
        }
      }
      return Optional.empty();
    }
  }
}
