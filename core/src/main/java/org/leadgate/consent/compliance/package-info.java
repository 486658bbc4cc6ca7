/**
 * What compliance officers take out of LeadGate, and erasure: consent exports per period, purpose, channel and
 * form (CSV safe against formula injection, JSON, NDJSON), the per-person consent proof (Einwilligungsnachweis),
 * the per-person data export (DSGVO Art. 15/20), erasure (Art. 17) that keeps the consent proof while its
 * retention lasts, and the audit log of who exported or erased what. No HTTP here; the web layer parses,
 * authorises and writes what {@link org.leadgate.consent.compliance.ComplianceService} answers.
 */
package org.leadgate.consent.compliance;
