/**
 * The consent ledger: append-only events in one hash chain ({@link org.leadgate.consent.ledger.Ledger}), with
 * pseudonymous subject keys and per-subject encrypted evidence ({@link org.leadgate.consent.ledger.SubjectKeys}).
 */
package org.leadgate.consent.ledger;
