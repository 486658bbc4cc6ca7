package org.leadgate.enrichment.geoip;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.leadgate.config.ConfigNode;
import org.leadgate.enrichment.EnrichmentContext;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.EnrichmentProviderFactory;
import org.leadgate.enrichment.Region;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code geoip2-database}: a local MaxMind GeoIP2/GeoLite2 City, Country, ASN, ISP or Enterprise database, or a
 * GeoIP2-compatible DB-IP one (the kind follows the metadata's database type). Settings:
 *
 * <ul>
 *   <li>{@code path} (required): the {@code .mmdb} file, relative to the data directory unless absolute. A file
 *       that is missing at startup disables the provider with a warning until it appears; one that is there but
 *       unreadable fails startup.</li>
 *   <li>{@code reloadCheck} (default {@code 60s}): how often the file is checked for a new version, which is then
 *       used without a restart.</li>
 * </ul>
 *
 * <p>Writes country, region, city, postal code, time zone, coordinates and accuracy radius (City, Enterprise),
 * ASN and its organisation (ASN, ISP, Enterprise), ISP (ISP, Enterprise), the IP's user type (Enterprise) and, for
 * user type {@code business} only, the organisation using the IP.
 */
public final class GeoIpDatabaseFactory implements EnrichmentProviderFactory {
  private static final Logger LOG = LoggerFactory.getLogger(GeoIpDatabaseFactory.class);
  private static final Duration DEFAULT_RELOAD_CHECK = Duration.ofSeconds(60);

  @Override
  public String id() {
    return "geoip2-database";
  }

  @Override
  public Region defaultRegion() {
    return Region.LOCAL;
  }

  @Override
  public EnrichmentProvider create(EnrichmentContext context) {
    ConfigNode settings = context.settings().allowOnly("path", "reloadCheck");
    Path file = context.dataDirectory().resolve(settings.string("path"));
    Duration reloadCheck = settings.duration("reloadCheck", DEFAULT_RELOAD_CHECK);
    ReloadingDatabase database;
    try {
      database = ReloadingDatabase.open(context.name(), file, reloadCheck, context.clock());
    } catch (IOException e) {
      throw settings.error("path", "cannot open the MaxMind database " + file + ": " + e.getMessage());
    }
    database.current().ifPresentOrElse(
        open -> LOG.info("event=enrichment.geoip_database_loaded provider={} path={} databaseType=\"{}\" "
            + "buildDate={}", context.name(), file, open.databaseType(), open.buildDate()),
        () -> LOG.warn("event=enrichment.geoip_database_missing provider={} key={} path={} "
            + "action=geolocation_disabled note=\"used as soon as the file appears (checked every {}s)\"",
            context.name(), settings.keyPath("path"), file, reloadCheck.toSeconds()));
    return new GeoIpDatabaseProvider(context.name(), database);
  }
}
