package org.leadgate.crm.salesforce.bulk;

import java.time.Duration;
import org.leadgate.config.ConfigNode;

/**
 * {@code crm.settings.bulk}.
 *
 * @param threshold {@code deliverAll} with at least this many leads goes through Bulk API 2.0
 * @param pollInterval how long to wait between looks at a job's state
 * @param timeout how long to wait for a job before its leads are retried
 */
public record BulkSettings(int threshold, Duration pollInterval, Duration timeout) {
  public static final int DEFAULT_THRESHOLD = 2000;

  public static BulkSettings from(ConfigNode settings) {
    ConfigNode bulk = settings.section("bulk").allowOnly("threshold", "pollInterval", "timeout");
    Duration pollInterval = bulk.duration("pollInterval", Duration.ofSeconds(5));
    if (pollInterval.isZero()) {
      throw bulk.error("pollInterval", "must be more than 0");
    }
    Duration timeout = bulk.duration("timeout", Duration.ofMinutes(30));
    if (timeout.compareTo(pollInterval) < 0) {
      throw bulk.error("timeout", "must not be shorter than bulk.pollInterval (" + pollInterval + ")");
    }
    return new BulkSettings(bulk.integer("threshold", DEFAULT_THRESHOLD, 1, 100_000_000), pollInterval, timeout);
  }
}
