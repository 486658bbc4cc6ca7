package org.leadgate.consent.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.leadgate.consent.Subject;

/**
 * What an erasure (DSGVO Art. 17) did.
 *
 * @param leads the leads whose fields and raw submissions were emptied
 * @param doiRequestsCleared confirmation requests whose mail data (address, links) was deleted
 * @param proofRetainedUntil until when the consent proof is kept (Art. 17(3)(b),(e)); empty if none had to be kept
 * @param evidenceShredded whether the proof key is destroyed, so the ledger's evidence can no longer be read
 */
public record ErasureResult(
    Subject.Kind kind,
    String subjectKey,
    Instant erasedAt,
    List<ErasedLead> leads,
    int doiRequestsCleared,
    Optional<Instant> proofRetainedUntil,
    boolean evidenceShredded) {

  public ErasureResult {
    leads = List.copyOf(leads);
  }

  /**
   * One emptied lead and what became of its delivery: {@code delivered} (the CRM has it: erase it there too),
   * {@code stopped} (it was not yet delivered and never will be) or {@code none} (no outbox row).
   */
  public record ErasedLead(String leadId, String formId, String delivery, Optional<String> crmRecordId) {}
}
