package org.leadgate.web.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.leadgate.web.testing.EmbeddedGateway;
import org.leadgate.web.testing.StoredRows;
import org.leadgate.web.testing.TestConfig;

/**
 * Load generator for durable form intake: the packaged WAR in embedded Jetty on SQLite (WAL, synchronous=FULL),
 * N clients posting urlencoded forms over keep-alive HTTP/1.1 as fast as they are answered (a lean blocking
 * client, so that the load generator leaves the shared cores to the gateway). Reports accepted intakes
 * per second and latency percentiles, and checks that every 202 is a stored lead.
 *
 * <p>Run: {@code mvn -B -pl webapp -am -DskipTests -Pbenchmark verify}; tune with
 * {@code -Dbench.clients=32 -Dbench.seconds=20 -Dbench.warmup=5 -Dbench.storage=sqlite|postgres}.
 */
public final class IntakeBenchmark {
  public static void main(String[] args) throws Exception {
    int clients = Integer.getInteger("bench.clients", 32);
    int seconds = Integer.getInteger("bench.seconds", 20);
    int warmup = Integer.getInteger("bench.warmup", 5);
    String storage = System.getProperty("bench.storage", "sqlite");
    Path directory = Files.createTempDirectory("leadgate-bench");
    TestConfig config = storage.equals("postgres") ? TestConfig.postgres(directory) : TestConfig.sqlite(directory);
    StoredRows rows = config.rows();

    try (EmbeddedGateway gateway = EmbeddedGateway.start(config.write())) {
      URI uri = gateway.uri("/forms/contact");
      run(uri, clients, Duration.ofSeconds(warmup), new AtomicLong());
      long before = rows.count("leads");
      AtomicLong accepted = new AtomicLong();
      long started = System.nanoTime();
      long[] latencies = run(uri, clients, Duration.ofSeconds(seconds), accepted);
      double elapsed = (System.nanoTime() - started) / 1e9;
      long stored = rows.count("leads") - before;

      Arrays.sort(latencies);
      System.out.printf("%nLeadGate intake benchmark: %s, %d clients, %d s (after %d s warm-up), %d cores%n",
          storage, clients, seconds, warmup, Runtime.getRuntime().availableProcessors());
      System.out.printf("requests %d, accepted (202) %d, stored leads %d, errors %d%n", latencies.length,
          accepted.get(), stored, latencies.length - accepted.get());
      System.out.printf("throughput %.0f durable intakes/s%n", accepted.get() / elapsed);
      System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", percentile(latencies, 50),
          percentile(latencies, 90), percentile(latencies, 99), latencies[latencies.length - 1] / 1e6);
      if (stored != accepted.get()) {
        throw new IllegalStateException("accepted " + accepted.get() + " but stored " + stored);
      }
    }
  }

  private static long[] run(URI uri, int clients, Duration duration, AtomicLong accepted) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long deadline = System.nanoTime() + duration.toNanos();
    List<Future<long[]>> results = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int clientId = c;
      results.add(pool.submit(() -> {
        long[] latencies = new long[1024];
        int n = 0;
        try (KeepAliveClient client = new KeepAliveClient(uri)) {
          for (long i = 0; System.nanoTime() < deadline; i++) {
            String form = "firstName=Ada&lastName=Lovelace" + clientId + "&email=ada" + clientId + "." + i
                + "%40example.de&phone=%2B49+30+1234567&message=Bitte+rufen+Sie+mich+an";
            long start = System.nanoTime();
            int status = client.postForm(form);
            long latency = System.nanoTime() - start;
            if (status == 202) {
              accepted.incrementAndGet();
            }
            if (n == latencies.length) {
              latencies = Arrays.copyOf(latencies, n * 2);
            }
            latencies[n++] = latency;
          }
        }
        return Arrays.copyOf(latencies, n);
      }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> result : results) {
      all.add(result.get());
    }
    pool.shutdown();
    return all.stream().flatMapToLong(Arrays::stream).toArray();
  }

  private static double percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
  }
}
