package org.leadgate.enrichment.geoip;

import com.maxmind.db.ClosedDatabaseException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.ProviderResult.Failed;
import org.leadgate.enrichment.ProviderResult.Kind;
import org.leadgate.lead.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks the lead's IP up in a local MaxMind database (built by {@link GeoIpDatabaseFactory}). Asks for nothing while
 * no database file is there. An address the database does not know is a {@link ProviderResult.NoMatch}; a read
 * error (a damaged file) is a {@link Failed} of kind {@link Kind#BAD_RESPONSE}.
 */
public final class GeoIpDatabaseProvider implements EnrichmentProvider {
  private static final Logger LOG = LoggerFactory.getLogger(GeoIpDatabaseProvider.class);

  private final String name;
  private final ReloadingDatabase database;

  GeoIpDatabaseProvider(String name, ReloadingDatabase database) {
    this.name = name;
    this.database = database;
  }

  @Override
  public Optional<LookupQuery> query(EnrichmentInput input) {
    return database.current().isEmpty() ? Optional.empty() : IpQuery.of(input);
  }

  @Override
  public ProviderResult lookup(LookupQuery query, Duration timeout) {
    Optional<InetAddress> ip = IpQuery.address(query);
    if (ip.isEmpty()) {
      return new Failed(Kind.BAD_RESPONSE, "the query holds no IP address");
    }
    while (true) {
      Optional<OpenDatabase> open = database.current();
      if (open.isEmpty()) {
        return new Failed(Kind.TRANSIENT, "no database file at the configured path");
      }
      try {
        return open.get().kind().lookup(open.get(), ip.get()).orElseGet(ProviderResult.NoMatch::new);
      } catch (ClosedDatabaseException e) {
        // a newer version was swapped in while this lookup started on the old one: read the newer one
      } catch (IOException | RuntimeException e) {
        LOG.warn("event=enrichment.provider_failed provider={} kind=BAD_RESPONSE error={}", name,
            e.getClass().getName());
        return new Failed(Kind.BAD_RESPONSE, "database read failed: " + e.getClass().getSimpleName());
      }
    }
  }

  @Override
  public Provenance.Source source() {
    return Provenance.Source.IP_DERIVED;
  }

  @Override
  public boolean remote() {
    return false;
  }

  /** {@code path}, {@code state} ({@code loaded} or {@code disabled}), and when loaded its type and build date. */
  @Override
  public Map<String, Object> health() {
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("path", database.file().toString());
    Optional<OpenDatabase> open = database.current();
    health.put("state", open.isPresent() ? "loaded" : "disabled");
    open.ifPresent(o -> {
      health.put("databaseType", o.databaseType());
      health.put("buildDate", o.buildDate());
    });
    return health;
  }

  @Override
  public void close() {
    try {
      database.close();
    } catch (IOException e) {
      LOG.warn("event=enrichment.geoip_database_close_failed provider={} error=\"{}\"", name, e.getMessage());
    }
  }
}
