package org.leadgate.consent.ledger;

/** The result of walking the ledger's chain. */
public sealed interface Verification {

  /** Every event links to the one before and hashes to what it says; {@code events} were checked. */
  record Intact(long events) implements Verification {}

  /** The first broken link: the event at {@code seq} (or where it should be) and what is wrong there. */
  record Broken(long seq, String problem, long eventsCheckedBefore) implements Verification {}
}
