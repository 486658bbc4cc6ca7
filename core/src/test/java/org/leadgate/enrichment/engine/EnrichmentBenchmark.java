package org.leadgate.enrichment.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.leadgate.config.ConfigLoader;
import org.leadgate.config.ConfigNode;
import org.leadgate.config.GatewayConfig;
import org.leadgate.enrichment.EnrichedValue;
import org.leadgate.enrichment.EnrichmentContext;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderOutcome;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.Region;
import org.leadgate.enrichment.geoip.GeoIpDatabaseFactory;
import org.leadgate.enrichment.guard.GuardedProvider;
import org.leadgate.enrichment.guard.ProviderPolicy;
import org.leadgate.enrichment.request.RequestMetadata;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.testing.InMemoryUsageStore;
import org.leadgate.testing.mmdb.GeoIpTestDatabases;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole enrichment of one lead with warm caches, per second on one core: request metadata (User-Agent,
 * Accept-Language, referrer, UTM), the input checks (public IP, company domain not freemail), the waterfall over a
 * GeoIP2 City database (local) and a remote company-data provider behind its guard whose cache already holds every
 * domain (so no call leaves the process), the merge by precedence, the quality checks of the typed email address and
 * country, and the IP truncation. Storage is not part of it. Target: at least 50,000 leads/s.
 *
 * <p>Run: {@code mvn -B -pl core -am -DskipTests -Pbenchmark verify -Dbench.parts=jmh
 * -Dbench.jmh="EnrichmentBenchmark -wi 3 -i 5 -f 1 -r 2s"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class EnrichmentBenchmark {
  private static final int COMPANIES = 1024;
  private static final List<String> USER_AGENTS = List.of(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0"
          + " Safari/537.36",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1"
          + " Safari/605.1.15",
      "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
          + " Version/17.1 Mobile/15E148 Safari/604.1");

  private Path directory;
  private EnrichmentProvider geo;
  private Enricher enricher;
  private Lead[] leads;
  private StoredRequest[] requests;
  private int next;

  /** A company-data provider answering every domain; behind its guard's warm cache it is never asked again. */
  private static final class CompanyData implements EnrichmentProvider {
    @Override
    public Optional<LookupQuery> query(EnrichmentInput input) {
      return input.domain().map(domain -> LookupQuery.of("domain", domain));
    }

    @Override
    public ProviderResult lookup(LookupQuery query, Duration timeout) {
      String domain = query.get("domain").orElseThrow();
      return new ProviderResult.Found(Map.of("company", new EnrichedValue("Company " + domain, 0.9),
          "industry", new EnrichedValue("software", 0.9), "employeeRange", new EnrichedValue("51-200", 0.9)));
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("enrichment-benchmark-");
    GeoIpTestDatabases.city("GeoIP2-City").write(directory.resolve("city.mmdb"));
    ObjectMapper json = new ObjectMapper();
    Clock clock = Clock.systemUTC();
    geo = new GeoIpDatabaseFactory().create(new EnrichmentContext("geo",
        ConfigNode.of(json.readTree("{\"path\": \"city.mmdb\"}"), "settings"), directory, clock,
        new OkHttpClient()));
    GuardedProvider company = new GuardedProvider("company", "benchmark", new CompanyData(),
        ProviderPolicy.from(ConfigNode.of(json.readTree("{}"), "enrichment.providers[1]"), Region.EU), clock,
        new InMemoryUsageStore());
    String yaml = """
        dataDirectory: %s
        forms:
          - id: contact
            fields:
              - { name: email, type: email, required: true }
              - { name: country, type: text }
        """.formatted(directory);
    GatewayConfig config = new ConfigLoader(Map.<String, String>of()::get)
        .parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "benchmark");
    List<ProviderStep> steps = List.of(localStep(geo), guardedStep(company));
    enricher = new Enricher(config, Map.of("contact", new Waterfall(steps, Set.of("company", "industry"),
        Duration.ofSeconds(3), clock)), new RequestMetadata(), clock);
    leads = new Lead[COMPANIES];
    requests = new StoredRequest[COMPANIES];
    for (int i = 0; i < COMPANIES; i++) {
      Instant now = clock.instant();
      leads[i] = new Lead("lead-" + i, "contact", now, Map.of(
          "email", new FieldValue("person" + i + "@company" + i + ".de", Provenance.typed("contact", now)),
          "country", new FieldValue("DE", Provenance.typed("contact", now))));
      requests[i] = new StoredRequest(Optional.of(GeoIpTestDatabases.LONDON_IPV4), false,
          Optional.of(USER_AGENTS.get(i % USER_AGENTS.size())), Optional.of("de-DE,de;q=0.9,en;q=0.8"),
          Optional.of("https://www.company" + i + ".de/kontakt?ref=ads"),
          Map.of("source", "newsletter", "medium", "email"));
      enricher.enrich(leads[i], requests[i]);
    }
  }

  @Benchmark
  public Enricher.Enriched enrichOneLead() {
    int i = next++ & (COMPANIES - 1);
    return enricher.enrich(leads[i], requests[i]);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    geo.close();
    Files.delete(directory.resolve("city.mmdb"));
    Files.delete(directory);
  }

  private static ProviderStep localStep(EnrichmentProvider provider) {
    return Providers.local("geo", "geoip2-database", Region.LOCAL, provider);
  }

  private static ProviderStep guardedStep(GuardedProvider guard) {
    return Providers.guarded(guard);
  }
}
