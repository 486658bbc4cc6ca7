package org.leadgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.leadgate.config.ConfigNode;
import org.leadgate.enrichment.EnrichmentContext;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.geoip.GeoIpDatabaseFactory;
import org.leadgate.testing.mmdb.MmdbWriter;
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
 * City lookups per second on one core, through the {@code geoip2-database} provider as the gateway calls it
 * ({@code lookup} of an {@code ip=} query: parse the address, search the memory-mapped tree, decode the record, map
 * the fields). The database is a test-built GeoIP2 City database of {@value #NETWORKS} random IPv4 /24 networks
 * sharing {@value #CITIES} city records (names in eight languages, like MaxMind's); the addresses looked up are
 * {@value #ADDRESSES} random ones inside those networks. Target: at least 200,000 lookups/s.
 *
 * <p>Run: {@code mvn -B -pl core -am -DskipTests -Pbenchmark verify -Dbench.parts=jmh
 * -Dbench.jmh="GeoIpBenchmark -wi 2 -i 3 -f 1 -r 2s"}. {@code bench.jmh} is the JMH command line (a benchmark
 * regex and JMH options); {@code bench.parts=jmh} names none of the ledger benchmark's parts, so that one does
 * nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class GeoIpBenchmark {
  private static final int NETWORKS = 100_000;
  private static final int CITIES = 10_000;
  private static final int ADDRESSES = 1 << 16;
  private static final List<String> LANGUAGES = List.of("de", "en", "es", "fr", "ja", "pt-BR", "ru", "zh-CN");
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  private Path directory;
  private EnrichmentProvider provider;
  private LookupQuery[] queries;
  private int next;

  @Setup(Level.Trial)
  public void buildDatabase() throws IOException {
    Random random = new Random(42);
    List<Map<String, Object>> cities = new ArrayList<>();
    for (int i = 0; i < CITIES; i++) {
      cities.add(city(i));
    }
    Set<Integer> networks = new LinkedHashSet<>();
    while (networks.size() < NETWORKS) {
      int network = random.nextInt(1 << 24);
      int firstOctet = network >>> 16;
      if (firstOctet != 0 && firstOctet != 10 && firstOctet != 127 && firstOctet < 224) {
        networks.add(network);
      }
    }
    MmdbWriter writer = new MmdbWriter("GeoIP2-City");
    networks.forEach(n -> writer.insert(dotted(n, 0) + "/24", cities.get(random.nextInt(CITIES))));
    directory = Files.createTempDirectory("geoip-benchmark-");
    writer.write(directory.resolve("GeoIP2-City.mmdb"));

    ConfigNode settings = ConfigNode.of(new ObjectMapper().readTree("{\"path\": \"GeoIP2-City.mmdb\"}"),
        "enrichment.providers[0].settings");
    provider = new GeoIpDatabaseFactory().create(new EnrichmentContext("geoip", settings, directory,
        Clock.systemUTC(), new OkHttpClient()));
    List<Integer> networkList = new ArrayList<>(networks);
    queries = new LookupQuery[ADDRESSES];
    for (int i = 0; i < ADDRESSES; i++) {
      queries[i] = LookupQuery.of("ip", dotted(networkList.get(random.nextInt(NETWORKS)), random.nextInt(256)));
    }
    if (!(provider.lookup(queries[0], TIMEOUT) instanceof ProviderResult.Found)) {
      throw new IllegalStateException("the benchmark database does not know its own addresses");
    }
  }

  @Benchmark
  public ProviderResult cityLookup() {
    return provider.lookup(queries[next++ & (ADDRESSES - 1)], TIMEOUT);
  }

  @TearDown(Level.Trial)
  public void deleteDatabase() throws IOException {
    provider.close();
    Files.delete(directory.resolve("GeoIP2-City.mmdb"));
    Files.delete(directory);
  }

  private static String dotted(int network, int host) {
    return (network >>> 16) + "." + ((network >>> 8) & 0xFF) + "." + (network & 0xFF) + "." + host;
  }

  /** A record shaped like a GeoIP2 City one; 200 countries, 4 subdivisions each. */
  private static Map<String, Object> city(int i) {
    int country = i % 200;
    int subdivision = i % 800;
    return Map.of(
        "city", Map.of("geoname_id", 3_000_000L + i, "names", names("City " + i)),
        "continent", Map.of("code", "EU", "geoname_id", 6255148L, "names", names("Europe")),
        "country", Map.of("geoname_id", 2_000_000L + country, "iso_code", isoCode(country),
            "names", names("Country " + country)),
        "location", Map.of("accuracy_radius", 20 + i % 500, "latitude", -60 + i % 120 + 0.1234,
            "longitude", -170 + i % 340 + 0.5678, "time_zone", "Europe/Zone_" + country),
        "postal", Map.of("code", String.format("%05d", i)),
        "registered_country", Map.of("geoname_id", 2_000_000L + country, "iso_code", isoCode(country),
            "names", names("Country " + country)),
        "subdivisions", List.of(Map.of("geoname_id", 4_000_000L + subdivision, "iso_code", "S" + subdivision % 4,
            "names", names("Region " + subdivision))));
  }

  private static String isoCode(int country) {
    return "" + (char) ('A' + country / 26) + (char) ('A' + country % 26);
  }

  private static Map<String, String> names(String name) {
    Map<String, String> names = new LinkedHashMap<>();
    LANGUAGES.forEach(language -> names.put(language, name + " (" + language + ")"));
    return names;
  }
}
