package org.leadgate.crm.generic;

import java.util.Set;

/**
 * What an HTTP status means for the lead: 2xx delivered; 408, 425, 429 and 5xx retry later; other 4xx rejected for
 * good; 1xx and 3xx retry (redirects are not followed, so they mean a setup problem, not a bad lead). Configured
 * lists move single 4xx/5xx statuses to retry or reject.
 *
 * @param retry statuses retried whatever the default says
 * @param reject statuses rejected whatever the default says
 */
record StatusPolicy(Set<Integer> retry, Set<Integer> reject) {
  StatusPolicy {
    retry = Set.copyOf(retry);
    reject = Set.copyOf(reject);
  }

  /** What the CRM's answer means. */
  enum Verdict {
    DELIVERED,
    RETRY,
    REJECT
  }

  Verdict verdict(int status) {
    if (status >= 200 && status < 300) {
      return Verdict.DELIVERED;
    }
    if (retry.contains(status)) {
      return Verdict.RETRY;
    }
    if (reject.contains(status)) {
      return Verdict.REJECT;
    }
    boolean passing = status < 400 || status == 408 || status == 425 || status == 429 || status >= 500;
    return passing ? Verdict.RETRY : Verdict.REJECT;
  }
}
