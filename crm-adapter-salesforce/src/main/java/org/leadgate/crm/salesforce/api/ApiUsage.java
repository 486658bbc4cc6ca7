package org.leadgate.crm.salesforce.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The org's daily API allowance as the last {@code Sforce-Limit-Info: api-usage=used/max} header told it. Once the
 * configured share is spent, the adapter pauses until the next full hour (UTC): the allowance is a rolling 24 hours,
 * so usage falls off gradually, and the first answer after the pause decides whether to pause again.
 */
public final class ApiUsage {
  private static final Logger LOG = LoggerFactory.getLogger(ApiUsage.class);
  private static final Pattern API_USAGE = Pattern.compile("(?:^|[,\\s])api-usage=(\\d+)/(\\d+)");

  private final double maxDailyShare;
  private final Clock clock;
  private long used = -1;
  private long max = -1;
  private Instant pausedUntil;

  public ApiUsage(double maxDailyShare, Clock clock) {
    this.maxDailyShare = maxDailyShare;
    this.clock = clock;
  }

  /** Reads one {@code Sforce-Limit-Info} header value; other values (per-app usage) are ignored. */
  public synchronized void record(String limitInfo) {
    if (limitInfo == null) {
      return;
    }
    Matcher matcher = API_USAGE.matcher(limitInfo);
    if (!matcher.find()) {
      return;
    }
    used = Long.parseLong(matcher.group(1));
    max = Long.parseLong(matcher.group(2));
    if (max > 0 && share() >= maxDailyShare && pausedUntil().isEmpty()) {
      pausedUntil = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
      LOG.warn("event=salesforce.paused api_used={} api_max={} max_share={} until={}", used, max, maxDailyShare,
          pausedUntil);
    }
  }

  /** When calls may start again, while the configured share of the allowance is spent. */
  public synchronized Optional<Instant> pausedUntil() {
    if (pausedUntil != null && !clock.instant().isBefore(pausedUntil)) {
      pausedUntil = null;
    }
    return Optional.ofNullable(pausedUntil);
  }

  /** Why calls pause now, with the figures. */
  public synchronized String pauseReason() {
    return "Salesforce API allowance share reached: " + used + "/" + max + " used, limit " + maxDailyShare
        + " (crm.settings.limits.maxDailyShare)";
  }

  private double share() {
    return max > 0 ? (double) used / max : 0;
  }

  /** {@code apiUsed}, {@code apiMax}, {@code apiShare}, {@code maxDailyShare}, {@code paused}, {@code pausedUntil}. */
  public synchronized Map<String, Object> health() {
    Map<String, Object> health = new LinkedHashMap<>();
    if (max >= 0) {
      health.put("apiUsed", used);
      health.put("apiMax", max);
      health.put("apiShare", Math.round(share() * 1000) / 1000.0);
    }
    health.put("maxDailyShare", maxDailyShare);
    Optional<Instant> until = pausedUntil();
    health.put("paused", until.isPresent());
    until.ifPresent(at -> health.put("pausedUntil", at.toString()));
    return health;
  }
}
