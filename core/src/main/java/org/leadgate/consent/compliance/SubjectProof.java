package org.leadgate.consent.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.leadgate.consent.Channel;
import org.leadgate.consent.ConsentState;
import org.leadgate.consent.Subject;
import org.leadgate.consent.ledger.ConsentEvent;

/**
 * The consent proof of one person (Einwilligungsnachweis): for each channel and purpose the status now and every
 * event with its evidence (for a phone number confirmed by SMS: the SMS's ids, when it was sent, and the time, IP and
 * user agent of the confirmation), the exact wording texts the evidence refers to with their SHA-256, and the
 * confirmation requests (confirmation mail or SMS id, when requested, when confirmed).
 *
 * @param erasedAt when the person's data was erased (the proof is kept while its retention lasts)
 * @param evidenceReadable false once the subject's proof key was destroyed
 * @param proofRetainedUntil until when the proof must be kept; empty if no consent was ever confirmed or granted
 */
public record SubjectProof(
    Subject subject,
    String subjectKey,
    Instant generatedAt,
    Optional<Instant> erasedAt,
    boolean evidenceReadable,
    Optional<Instant> proofRetainedUntil,
    List<ConsentHistory> consents,
    List<WordingText> wordings,
    List<DoiRecord> doiRequests) {

  public SubjectProof {
    consents = List.copyOf(consents);
    wordings = List.copyOf(wordings);
    doiRequests = List.copyOf(doiRequests);
  }

  /** Whether the ledger holds anything about the person. */
  public boolean isEmpty() {
    return consents.isEmpty();
  }

  /**
   * One consent (channel and purpose) and its history.
   *
   * @param state where it stands now; empty if no event changed its status
   * @param proofRetainedUntil empty if it never was confirmed or granted
   */
  public record ConsentHistory(Channel channel, String purpose, String purposeDescription,
      Optional<ConsentState> state, Optional<Instant> proofRetainedUntil, List<ConsentEvent> events) {
    public ConsentHistory {
      events = List.copyOf(events);
    }
  }

  /**
   * A consent wording as stored when it was first shown.
   *
   * @param text empty if the wording is unknown to this installation
   * @param sha256 SHA-256 of the stored text
   * @param matchesEvidence whether every event that cites the wording cites this hash
   */
  public record WordingText(String id, Optional<String> text, Optional<String> sha256, boolean matchesEvidence) {}

  /**
   * A confirmation request: the confirmation mail's Message-ID or the SMS's id ({@code channel} phone or SMS), and
   * when it was requested and confirmed.
   */
  public record DoiRecord(String messageId, Channel channel, String purpose, String formId, String wordingId,
      String leadId, Instant requestedAt, Instant expiresAt, String mailStatus, int mailAttempts,
      Optional<Instant> confirmedAt) {}
}
