package org.leadgate.consent.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything LeadGate holds about one person (DSGVO Art. 15 and 20): the leads linked to them with their fields
 * and provenance, the raw submissions, the delivery state, and the consent proof. After erasure only the retained
 * proof is left.
 */
public record SubjectExport(SubjectProof proof, List<LeadRecord> leads) {
  public SubjectExport {
    leads = List.copyOf(leads);
  }

  /**
   * One lead as stored.
   *
   * @param fieldsJson the stored fields with provenance: {@code {"name": {"value", "source", "origin", "at"}}}
   * @param delivery empty if the lead has no outbox row
   * @param request what is kept of the request for enrichment (client address or its network, user agent,
   *     language, referrer, UTM parameters), empty once erased
   * @param events what the lead did, for scoring
   */
  public record LeadRecord(String leadId, String formId, Instant receivedAt, String fieldsJson,
      Submission submission, Optional<Delivery> delivery, Map<String, String> request, List<Event> events) {
    public LeadRecord {
      request = Map.copyOf(request);
      events = List.copyOf(events);
    }
  }

  /** A behaviour event of a lead. */
  public record Event(String type, Instant at, Map<String, String> properties) {}

  /** The submission a lead came from, exactly as it arrived. */
  public record Submission(String id, Instant receivedAt, String contentType, String body) {}

  /** Where the lead stands in the outbox towards the CRM. */
  public record Delivery(String target, String status, int attempts, int revision, Optional<String> lastError,
      Optional<String> crmRecordId, Instant updatedAt) {}
}
