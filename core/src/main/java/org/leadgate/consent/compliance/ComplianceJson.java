package org.leadgate.consent.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.leadgate.consent.ConsentState;
import org.leadgate.consent.ledger.ConsentEvent;

/** The JSON shapes of the compliance API (times ISO-8601 in UTC, absent values {@code null}). */
public final class ComplianceJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ComplianceJson() {}

  /**
   * <pre>{@code
   * {"subject": {"kind": "email", "address": "ada@example.de", "key": "…"}, "generatedAt": "…", "erasedAt": null,
   *  "evidenceReadable": true, "proofRetainedUntil": "2030-01-01T00:00:00Z",
   *  "consents": [{"channel": "email", "purpose": "newsletter", "purposeDescription": "…", "status": "confirmed",
   *                "legalBasis": "consent-doi", "since": "…", "lastActivity": "…", "ended": null,
   *                "proofRetainedUntil": "…",
   *                "events": [{"seq": 1, "time": "…", "action": "requested", "legalBasis": "consent-doi",
   *                            "actor": "form:contact", "leadId": "…", "evidence": {"ip": "…", …},
   *                            "previousHash": "…", "hash": "…"}]}],
   *  "wordings": [{"id": "newsletter-v1", "text": "…", "sha256": "…", "matchesEvidence": true}],
   *  "doiRequests": [{"messageId": "<…@leadgate>", "channel": "email", "purpose": "newsletter", "formId": "contact",
   *                   "wordingId": "newsletter-v1", "leadId": "…", "requestedAt": "…", "expiresAt": "…",
   *                   "mailStatus": "sent", "mailAttempts": 0, "confirmedAt": "…"}]}
   * }</pre>
   */
  public static ObjectNode proof(SubjectProof proof) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("subject")
        .put("kind", proof.subject().kind().name().toLowerCase(Locale.ROOT))
        .put("address", proof.subject().value())
        .put("key", proof.subjectKey());
    root.put("generatedAt", proof.generatedAt().toString());
    root.put("erasedAt", time(proof.erasedAt()));
    root.put("evidenceReadable", proof.evidenceReadable());
    root.put("proofRetainedUntil", time(proof.proofRetainedUntil()));
    ArrayNode consents = root.putArray("consents");
    for (SubjectProof.ConsentHistory history : proof.consents()) {
      ObjectNode consent = consents.addObject()
          .put("channel", history.channel().id())
          .put("purpose", history.purpose())
          .put("purposeDescription", history.purposeDescription())
          .put("status", history.state().map(s -> s.status().id()).orElse("none"))
          .put("legalBasis", history.state().map(s -> s.basis().id()).orElse("none"))
          .put("since", time(history.state().map(ConsentState::since)))
          .put("lastActivity", time(history.state().flatMap(ConsentState::lastActivity)))
          .put("ended", time(history.state().flatMap(ConsentState::ended)))
          .put("proofRetainedUntil", time(history.proofRetainedUntil()));
      ArrayNode events = consent.putArray("events");
      for (ConsentEvent event : history.events()) {
        events.add(event(event));
      }
    }
    ArrayNode wordings = root.putArray("wordings");
    for (SubjectProof.WordingText wording : proof.wordings()) {
      wordings.addObject()
          .put("id", wording.id())
          .put("text", wording.text().orElse(null))
          .put("sha256", wording.sha256().orElse(null))
          .put("matchesEvidence", wording.matchesEvidence());
    }
    ArrayNode requests = root.putArray("doiRequests");
    for (SubjectProof.DoiRecord request : proof.doiRequests()) {
      requests.addObject()
          .put("messageId", request.messageId())
          .put("channel", request.channel().id())
          .put("purpose", request.purpose())
          .put("formId", request.formId())
          .put("wordingId", request.wordingId())
          .put("leadId", request.leadId())
          .put("requestedAt", request.requestedAt().toString())
          .put("expiresAt", request.expiresAt().toString())
          .put("mailStatus", request.mailStatus())
          .put("mailAttempts", request.mailAttempts())
          .put("confirmedAt", time(request.confirmedAt()));
    }
    return root;
  }

  /** One ledger event with its evidence ({@code null} once shredded). */
  public static ObjectNode event(ConsentEvent event) {
    ObjectNode node = JSON.createObjectNode()
        .put("seq", event.seq())
        .put("time", event.at().toString())
        .put("action", event.action().id())
        .put("legalBasis", event.basis().id())
        .put("actor", event.actor().toString())
        .put("leadId", event.leadId().orElse(null));
    if (event.evidence().isPresent()) {
      ObjectNode evidence = node.putObject("evidence");
      new TreeMap<>(event.evidence().get().items()).forEach(evidence::put);
    } else {
      node.putNull("evidence");
    }
    return node.put("previousHash", event.previousHash()).put("hash", event.hash());
  }

  /**
   * The proof's members, then {@code "leads": [{"leadId", "formId", "receivedAt", "fields": {name: value},
   * "provenance": {name: {"source", "origin", "at"}}, "submission": {"id", "receivedAt", "contentType", "body"},
   * "delivery": {"target", "status", "attempts", "revision", "lastError", "crmRecordId", "updatedAt"},
   * "request": {"clientIp", "userAgent", "acceptLanguage", "referrer", "utm_…"}, "events": [{"type", "at",
   * "properties"}]}]}.
   */
  public static ObjectNode export(SubjectExport export) {
    ObjectNode root = proof(export.proof());
    ArrayNode leads = JSON.createArrayNode();
    for (SubjectExport.LeadRecord lead : export.leads()) {
      ObjectNode node = leads.addObject()
          .put("leadId", lead.leadId())
          .put("formId", lead.formId())
          .put("receivedAt", lead.receivedAt().toString());
      ObjectNode fields = node.putObject("fields");
      ObjectNode provenance = node.putObject("provenance");
      for (Map.Entry<String, JsonNode> field : parse(lead.fieldsJson()).properties()) {
        JsonNode value = field.getValue();
        fields.set(field.getKey(), value.path("value"));
        ObjectNode source = provenance.putObject(field.getKey());
        value.properties().stream().filter(p -> !p.getKey().equals("value"))
            .forEach(p -> source.set(p.getKey(), p.getValue()));
      }
      node.putObject("submission")
          .put("id", lead.submission().id())
          .put("receivedAt", lead.submission().receivedAt().toString())
          .put("contentType", lead.submission().contentType())
          .put("body", lead.submission().body());
      if (lead.delivery().isPresent()) {
        SubjectExport.Delivery delivery = lead.delivery().get();
        node.putObject("delivery")
            .put("target", delivery.target())
            .put("status", delivery.status())
            .put("attempts", delivery.attempts())
            .put("revision", delivery.revision())
            .put("lastError", delivery.lastError().orElse(null))
            .put("crmRecordId", delivery.crmRecordId().orElse(null))
            .put("updatedAt", delivery.updatedAt().toString());
      } else {
        node.putNull("delivery");
      }
      ObjectNode request = node.putObject("request");
      lead.request().forEach(request::put);
      ArrayNode events = node.putArray("events");
      for (SubjectExport.Event event : lead.events()) {
        ObjectNode properties = events.addObject().put("type", event.type()).put("at", event.at().toString())
            .putObject("properties");
        event.properties().forEach(properties::put);
      }
    }
    // leads first, after the subject, for a reader; the proof's members keep their order after them
    ObjectNode ordered = JSON.createObjectNode();
    ordered.set("subject", root.remove("subject"));
    ordered.set("generatedAt", root.remove("generatedAt"));
    ordered.set("erasedAt", root.remove("erasedAt"));
    ordered.set("leads", leads);
    ordered.setAll(root);
    return ordered;
  }

  /**
   * <pre>{@code
   * {"subjectKey": "…", "kind": "email", "erasedAt": "…",
   *  "erased": ["lead fields", "raw submissions", "undelivered CRM deliveries", "confirmation mail data"],
   *  "leads": [{"leadId": "…", "formId": "contact", "delivery": "delivered|stopped|none", "crmRecordId": null}],
   *  "doiRequestsCleared": 1,
   *  "proof": {"retained": true, "retainedUntil": "2030-01-01T00:00:00Z", "evidenceShredded": false}}
   * }</pre>
   * A lead with {@code delivery: delivered} is in the CRM: erase it there as well.
   */
  public static ObjectNode erasure(ErasureResult result) {
    ObjectNode root = JSON.createObjectNode()
        .put("subjectKey", result.subjectKey())
        .put("kind", result.kind().name().toLowerCase(Locale.ROOT))
        .put("erasedAt", result.erasedAt().toString());
    root.putArray("erased").add("lead fields").add("raw submissions").add("undelivered CRM deliveries")
        .add("confirmation mail data");
    ArrayNode leads = root.putArray("leads");
    for (ErasureResult.ErasedLead lead : result.leads()) {
      leads.addObject()
          .put("leadId", lead.leadId())
          .put("formId", lead.formId())
          .put("delivery", lead.delivery())
          .put("crmRecordId", lead.crmRecordId().orElse(null));
    }
    root.put("doiRequestsCleared", result.doiRequestsCleared());
    root.putObject("proof")
        .put("retained", result.proofRetainedUntil().isPresent())
        .put("retainedUntil", time(result.proofRetainedUntil()))
        .put("evidenceShredded", result.evidenceShredded());
    return root;
  }

  /** {@code {"id", "at", "principal", "action", "detail"}}. */
  public static ObjectNode auditEntry(AuditEntry entry) {
    return JSON.createObjectNode()
        .put("id", entry.id())
        .put("at", entry.at().toString())
        .put("principal", entry.principal())
        .put("action", entry.action())
        .put("detail", entry.detail());
  }

  private static String time(Optional<Instant> time) {
    return time.map(Instant::toString).orElse(null);
  }

  private static JsonNode parse(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return node == null || !node.isObject() ? JSON.createObjectNode() : node;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored lead fields are not JSON", e);
    }
  }
}
