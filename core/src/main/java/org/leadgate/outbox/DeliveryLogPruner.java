package org.leadgate.outbox;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.leadgate.storage.DeliveryLog;
import org.leadgate.work.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes delivery log rows older than {@code delivery.logRetention} on a background thread: a page at a time while
 * there are any, then again after an hour.
 */
public final class DeliveryLogPruner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLogPruner.class);
  private static final Duration INTERVAL = Duration.ofHours(1);
  private static final int PAGE = 1000;

  private final DeliveryLog log;
  private final Duration retention;
  private final Clock clock;
  private final PollingLoop loop;

  public DeliveryLogPruner(DeliveryLog log, Duration retention, Clock clock) {
    this.log = log;
    this.retention = retention;
    this.clock = clock;
    this.loop = new PollingLoop("leadgate-delivery-log-pruning", INTERVAL, Duration.ofSeconds(10), this::runOnce,
        e -> LOG.warn("event=delivery_log.prune_failed error={}", e.getClass().getName()));
  }

  public void start() {
    loop.start();
  }

  /** Deletes one page of rows older than the retention, on the clock's current instant; answers how many. */
  public int runOnce() throws SQLException {
    int deleted = log.prune(clock.instant().minus(retention), PAGE);
    if (deleted > 0) {
      LOG.info("event=delivery_log.pruned rows={}", deleted);
    }
    return deleted;
  }

  @Override
  public void close() {
    loop.close();
  }
}
