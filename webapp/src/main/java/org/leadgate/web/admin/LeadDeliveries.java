package org.leadgate.web.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.leadgate.Gateway;
import org.leadgate.http.Problem;
import org.leadgate.storage.DeliveryLog;
import org.leadgate.storage.StorageUnavailableException;
import org.leadgate.web.http.Responses;

/**
 * {@code GET /api/leads/{leadId}/deliveries} (admin token): the lead's delivery log, oldest attempt first, for CRM
 * admins debugging a mapping. Leads handed over in one batch share the batch call's latency.
 *
 * <pre>{@code
 * {"leadId": "…", "deliveries": [{"at": "…", "target": "generic-http", "revision": 0, "attempt": 1,
 *   "status": "retry", "httpStatus": 503, "latencyMs": 83, "error": "CRM answered 503"}]}
 * }</pre>
 */
public final class LeadDeliveries {
  private LeadDeliveries() {}

  /** Writes the log, or 404 for an unknown lead; the caller has checked the admin token. */
  public static void write(Gateway gateway, String leadId, HttpServletResponse response) throws IOException {
    Optional<List<DeliveryLog.Entry>> log;
    try {
      log = gateway.deliveries(leadId);
    } catch (StorageUnavailableException e) {
      Responses.storageUnavailable(response, e.getMessage());
      return;
    }
    if (log.isEmpty()) {
      Responses.problem(response, Problem.of(404, "no-such-lead", "No such lead", "there is no lead " + leadId));
      return;
    }
    ObjectNode body = Responses.object().put("leadId", leadId);
    ArrayNode deliveries = body.putArray("deliveries");
    for (DeliveryLog.Entry entry : log.get()) {
      ObjectNode attempt = deliveries.addObject()
          .put("at", entry.at().toString())
          .put("target", entry.target())
          .put("revision", entry.revision())
          .put("attempt", entry.attempt())
          .put("status", entry.status().code());
      if (entry.call().httpStatus().isPresent()) {
        attempt.put("httpStatus", entry.call().httpStatus().getAsInt());
      } else {
        attempt.putNull("httpStatus");
      }
      attempt.put("latencyMs", entry.call().latency().toMillis())
          .put("error", entry.error().orElse(null));
    }
    Responses.json(response, 200, body);
  }
}
