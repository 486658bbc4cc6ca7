package org.leadgate.consent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * One consent as it stands now.
 *
 * @param since when the current status began
 * @param lastActivity the latest grant, confirmation or recorded use, which the stale rule and retention count from
 * @param ended when it was withdrawn, objected to or expired (blocked), if it was
 */
public record ConsentState(
    Channel channel,
    String purpose,
    ConsentStatus status,
    LegalBasis basis,
    Instant since,
    Optional<Instant> lastActivity,
    Optional<Instant> ended) {

  /** Since when the consent was not granted, confirmed or used: staleness and blocking count from here. */
  public Instant unusedSince() {
    return lastActivity.orElse(since);
  }

  /**
   * Whether the consent permits but was not granted, confirmed or used for longer than {@code period} at
   * {@code now}: stale after {@code consent.retention.staleAfter}, due to be blocked after {@code blockAfter}.
   */
  public boolean unusedFor(Duration period, Instant now) {
    return status.permits() && unusedSince().isBefore(now.minus(period));
  }

  /**
   * Until when the proof must be kept: 3 years after the end of the year of the end or last use (BGB §195, §199),
   * and for phone consent 5 years after the grant or last use (UWG §7a), whichever is later.
   */
  public Instant proofRetainedUntil() {
    Instant last = ended.filter(e -> lastActivity.isEmpty() || e.isAfter(lastActivity.get()))
        .or(() -> lastActivity).orElse(since);
    int year = last.atZone(ZoneOffset.UTC).getYear();
    Instant civil = LocalDate.of(year + 3, 12, 31).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    if (channel == Channel.PHONE || channel == Channel.SMS) {
      Instant phone = lastActivity.orElse(since).atZone(ZoneOffset.UTC).plusYears(5).toInstant();
      return phone.isAfter(civil) ? phone : civil;
    }
    return civil;
  }
}
