package org.leadgate.consent.retention;

/**
 * What one run of the {@link RetentionJob} did.
 *
 * @param deletedRequests unconfirmed double opt-in requests deleted (law.md 16)
 * @param stale consents (subject, channel, purpose) marked stale because they were not used for
 *     {@code staleAfter}, each with a re-permission mail if it is email consent by double opt-in (law.md 24)
 * @param expired consents blocked (marked expired) because they were not renewed for {@code blockAfter} (law.md 24),
 *     or because their proof was destroyed after erasure
 * @param shredded subjects whose proof key was destroyed because their proof retention ended (law.md 16, 17, 19)
 * @param failed subjects that could not be processed this run (logged without personal data; retried next run)
 */
public record RetentionReport(int deletedRequests, int stale, int expired, int shredded, int failed) {
  public static final RetentionReport NOTHING = new RetentionReport(0, 0, 0, 0, 0);
}
