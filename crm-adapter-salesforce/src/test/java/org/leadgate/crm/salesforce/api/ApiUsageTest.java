package org.leadgate.crm.salesforce.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leadgate.testing.MutableClock;

class ApiUsageTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:41:12Z"));
  private final ApiUsage usage = new ApiUsage(0.5, clock);

  @Test
  void reads_the_org_usage_and_ignores_per_app_usage() {
    usage.record("api-usage=40/100, per-app-api-usage=90/100(appName=sample-connected-app)");

    assertEquals(40L, usage.health().get("apiUsed"));
    assertEquals(100L, usage.health().get("apiMax"));
    assertEquals(0.4, usage.health().get("apiShare"));
    assertEquals(Optional.empty(), usage.pausedUntil());
  }

  @Test
  void pauses_until_the_next_full_hour_once_the_share_is_spent_and_resumes_after_it() {
    usage.record("api-usage=50/100");

    assertEquals(Optional.of(Instant.parse("2026-01-05T10:00:00Z")), usage.pausedUntil());
    assertEquals("2026-01-05T10:00:00Z", usage.health().get("pausedUntil"));

    clock.advance(Duration.ofMinutes(19));
    assertEquals(Optional.empty(), usage.pausedUntil());
    assertEquals(false, usage.health().get("paused"));
  }

  @Test
  void a_missing_or_foreign_header_changes_nothing() {
    usage.record(null);
    usage.record("per-app-api-usage=99/100(appName=x)");

    assertEquals(false, usage.health().containsKey("apiUsed"));
    assertEquals(Optional.empty(), usage.pausedUntil());
  }
}
