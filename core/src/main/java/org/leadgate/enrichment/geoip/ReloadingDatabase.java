package org.leadgate.enrichment.geoip;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database file at one path, reopened when another version appears there. At most once per
 * {@code checkEvery} (by the clock) a caller of {@link #current} looks at the file; a new version is opened and
 * swapped in, and the old one closed. A version that cannot be opened is logged and the one in use kept; it is
 * tried again at the next check. Replace the file atomically (write elsewhere, then move it into place, as
 * {@code geoipupdate} does): the old version stays mapped until it is swapped out.
 */
final class ReloadingDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingDatabase.class);

  private final String provider;
  private final Path file;
  private final Duration checkEvery;
  private final Clock clock;
  private final AtomicReference<OpenDatabase> current;
  private final AtomicLong nextCheckMillis;

  private ReloadingDatabase(String provider, Path file, Duration checkEvery, Clock clock, OpenDatabase initial) {
    this.provider = provider;
    this.file = file;
    this.checkEvery = checkEvery;
    this.clock = clock;
    this.current = new AtomicReference<>(initial);
    this.nextCheckMillis = new AtomicLong(clock.millis() + checkEvery.toMillis());
  }

  /**
   * Opens the database at {@code file}, or none when there is no file yet.
   *
   * @throws IOException when a file is there but cannot be opened
   */
  static ReloadingDatabase open(String provider, Path file, Duration checkEvery, Clock clock) throws IOException {
    Optional<FileStamp> stamp = FileStamp.of(file);
    OpenDatabase initial = stamp.isPresent() ? OpenDatabase.open(file, stamp.get()) : null;
    return new ReloadingDatabase(provider, file, checkEvery, clock, initial);
  }

  Path file() {
    return file;
  }

  /** The version to read, after checking the file when a check is due; empty while there is none. */
  Optional<OpenDatabase> current() {
    long now = clock.millis();
    long due = nextCheckMillis.get();
    if (now >= due && nextCheckMillis.compareAndSet(due, now + checkEvery.toMillis())) {
      reloadIfChanged();
    }
    return Optional.ofNullable(current.get());
  }

  private void reloadIfChanged() {
    Optional<FileStamp> stamp = FileStamp.of(file);
    OpenDatabase inUse = current.get();
    if (stamp.isEmpty() || inUse != null && inUse.stamp().equals(stamp.get())) {
      return;
    }
    OpenDatabase fresh;
    try {
      fresh = OpenDatabase.open(file, stamp.get());
    } catch (IOException e) {
      LOG.warn("event=enrichment.geoip_database_unusable provider={} path={} error=\"{}\" action={}", provider,
          file, e.getMessage(), inUse == null ? "stay_disabled" : "keep_previous");
      return;
    }
    OpenDatabase previous = current.getAndSet(fresh);
    LOG.info("event=enrichment.geoip_database_loaded provider={} path={} databaseType=\"{}\" buildDate={}",
        provider, file, fresh.databaseType(), fresh.buildDate());
    if (previous != null) {
      try {
        previous.close();
      } catch (IOException e) {
        LOG.warn("event=enrichment.geoip_database_close_failed provider={} path={} error=\"{}\"", provider, file,
            e.getMessage());
      }
    }
  }

  @Override
  public void close() throws IOException {
    nextCheckMillis.set(Long.MAX_VALUE);
    OpenDatabase last = current.getAndSet(null);
    if (last != null) {
      last.close();
    }
  }
}
