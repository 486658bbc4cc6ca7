package org.leadgate.crm.salesforce.consent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.leadgate.crm.salesforce.api.ApiCall;
import org.leadgate.crm.salesforce.api.Reply;
import org.leadgate.crm.salesforce.api.SalesforceApi;
import org.leadgate.spi.DeliveryResult;

/**
 * The DataUsePurpose id of each configured LeadGate purpose: configured ids as they are, names looked up with one
 * SOQL query the first time they are needed and kept for the adapter's life.
 */
final class DataUsePurposes {
  private static final Pattern ID = Pattern.compile("0ZW[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?");

  private final SalesforceApi api;
  private final Map<String, String> configured;
  private Map<String, String> resolved;

  DataUsePurposes(SalesforceApi api, Map<String, String> configured) {
    this.api = api;
    this.configured = configured;
  }

  /** What the lookup came to: ids by LeadGate purpose, or the result every lead gets while they are unknown. */
  sealed interface Resolution {
    record Resolved(Map<String, String> idsByPurpose) implements Resolution {
      public Resolved {
        idsByPurpose = Map.copyOf(idsByPurpose);
      }
    }

    record Failed(DeliveryResult result) implements Resolution {
      public Failed {
        Objects.requireNonNull(result, "result");
      }
    }
  }

  synchronized Resolution resolve() {
    if (resolved != null) {
      return new Resolution.Resolved(resolved);
    }
    Map<String, String> ids = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    configured.forEach((purpose, target) -> (ID.matcher(target).matches() ? ids : names).put(purpose, target));
    if (!names.isEmpty()) {
      Reply reply = api.send(ApiCall.get("query").withQuery("q", "SELECT Id, Name FROM DataUsePurpose WHERE Name IN ("
          + names.values().stream().distinct().map(DataUsePurposes::quote).collect(Collectors.joining(", ")) + ")"));
      if (!(reply instanceof Reply.Answered answered && answered.ok())) {
        return new Resolution.Failed(api.failure(reply));
      }
      Map<String, String> idsByName = new LinkedHashMap<>();
      for (JsonNode record : answered.json().path("records")) {
        idsByName.putIfAbsent(record.path("Name").asText(), record.path("Id").asText());
      }
      for (Map.Entry<String, String> entry : names.entrySet()) {
        String id = idsByName.get(entry.getValue());
        if (id == null) {
          return new Resolution.Failed(DeliveryResult.rejected("no DataUsePurpose named '" + entry.getValue()
              + "' in Salesforce; check crm.settings.consent.purposes." + entry.getKey()));
        }
        ids.put(entry.getKey(), id);
      }
    }
    resolved = Map.copyOf(ids);
    return new Resolution.Resolved(resolved);
  }

  /** A SOQL string literal: backslash and quote escaped. */
  private static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
