package org.leadgate.consent.ledger;

import java.time.Instant;
import java.util.Optional;
import org.leadgate.consent.Action;
import org.leadgate.consent.Actor;
import org.leadgate.consent.Channel;
import org.leadgate.consent.Evidence;
import org.leadgate.consent.LegalBasis;

/**
 * One event of the consent ledger as stored. {@code evidence} is empty once the subject's proof key was destroyed
 * (erasure after retention); the event itself, and the chain, remain.
 *
 * @param seq position in the ledger's single chain, from 1 without gaps
 * @param subjectKey the pseudonymous key of the subject (a keyed hash of its address)
 */
public record ConsentEvent(
    long seq,
    String id,
    Instant at,
    String subjectKey,
    Channel channel,
    String purpose,
    Action action,
    LegalBasis basis,
    Actor actor,
    Optional<String> leadId,
    Optional<Evidence> evidence,
    String previousHash,
    String hash) {}
