package org.leadgate.consent.retention;

/**
 * What one run of the {@link RetentionJob} did.
 *
 * @param deletedRequests unconfirmed double opt-in requests deleted (law.md 16)
 * @param expired consents (subject, channel, purpose) marked expired because they were not used (law.md 24)
 * @param shredded subjects whose proof key was destroyed because their proof retention ended (law.md 16, 17, 19)
 * @param failed subjects that could not be processed this run (logged without personal data; retried next run)
 */
public record RetentionReport(int deletedRequests, int expired, int shredded, int failed) {
  public static final RetentionReport NOTHING = new RetentionReport(0, 0, 0, 0);
}
