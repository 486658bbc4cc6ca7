package org.leadgate.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.leadgate.Gateway;
import org.leadgate.config.ConfigLoader;
import org.leadgate.config.GatewayConfig;
import org.leadgate.config.StorageConfig;
import org.leadgate.consent.Action;
import org.leadgate.consent.Actor;
import org.leadgate.consent.Channel;
import org.leadgate.consent.Evidence;
import org.leadgate.consent.LegalBasis;
import org.leadgate.consent.Subject;
import org.leadgate.consent.ledger.Ledger;
import org.leadgate.consent.retention.RetentionJob;
import org.leadgate.consent.retention.RetentionReport;
import org.leadgate.consent.ledger.NewConsentEvent;
import org.leadgate.consent.ledger.SubjectKeys;
import org.leadgate.consent.ledger.Verification;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.Outcome;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.CrmAdapterFactory;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.spi.PluginContext;
import org.leadgate.storage.Database;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.Transactions;
import org.leadgate.testing.PostgresServer;

/**
 * Throughput of the consent ledger, not a unit test. Three parts, each on a fresh database:
 *
 * <dl>
 *   <dt>append</dt>
 *   <dd>durable appends: {@code bench.threads} client threads each hand single events (a new subject each, so a
 *       proof key is created too) to a bounded grouping queue; one committer drains up to {@code bench.group} of
 *       them into one transaction ({@code Transactions.write} + one {@code Ledger.append}) and completes each
 *       client's future after the commit. Reports appends/s and commit latency as the client sees it.</dd>
 *   <dt>intake</dt>
 *   <dd>the product's path: {@code Gateway.submit} of a form with a ticked phone consent box (one {@code granted}
 *       ledger event per submission, besides the submission, lead, outbox row and lead link), grouped by the
 *       gateway's {@code GroupCommitWriter}; the {@code log} CRM target delivers at the same time.</dd>
 *   <dt>verify</dt>
 *   <dd>builds a {@code bench.verifyEvents}-event ledger in batches of {@code bench.buildBatch} per transaction,
 *       then times {@code Ledger.verify} as the product calls it ({@code Transactions.read}: autocommit), and on
 *       PostgreSQL also inside a transaction (where the driver fetches with a cursor instead of loading the whole
 *       result).</dd>
 * </dl>
 *
 * <p>Run: {@code mvn -B -pl core -am -DskipTests -Pbenchmark verify -Dbench.storage=sqlite|postgres}; tune with
 * {@code -Dbench.parts=append,intake,verify -Dbench.threads=32 -Dbench.group=256 -Dbench.seconds=10
 * -Dbench.warmup=3 -Dbench.verifyEvents=1000000 -Dbench.buildBatch=10000 -Dbench.verifyRuns=3
 * -Dbench.crm=log|instant}. SQLite runs as {@code Database.open}
 * configures it (WAL, {@code synchronous=FULL}: every commit is fsynced). PostgreSQL is the tests' throwaway server
 * ({@code fsync=off}, {@code synchronous_commit=off}), or the one named by {@code LEADGATE_TEST_POSTGRES_URL}.
 * Exits non-zero if a ledger does not verify or holds another number of events than were acknowledged.
 */
public final class LedgerBenchmark {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final double APPEND_TARGET = 5_000;
  private static final double VERIFY_TARGET = 200_000;

  private final String storage = System.getProperty("bench.storage", "sqlite").toLowerCase(Locale.ROOT);
  private final int threads = Integer.getInteger("bench.threads", 32);
  private final int group = Integer.getInteger("bench.group", 256);
  private final int seconds = Integer.getInteger("bench.seconds", 10);
  private final int warmup = Integer.getInteger("bench.warmup", 3);
  private final int verifyEvents = Integer.getInteger("bench.verifyEvents", 1_000_000);
  private final int buildBatch = Integer.getInteger("bench.buildBatch", 10_000);
  private final List<String> parts = List.of(System.getProperty("bench.parts", "append,intake,verify").split(","));
  private final String crm = System.getProperty("bench.crm", "log");
  private final Path directory;
  private final List<String> summary = new ArrayList<>();

  private LedgerBenchmark() throws IOException {
    Path base = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
    Files.createDirectories(base);
    directory = Files.createTempDirectory(base, "ledger-bench-");
  }

  public static void main(String[] args) throws Exception {
    LedgerBenchmark bench = new LedgerBenchmark();
    try {
      bench.run();
    } finally {
      bench.deleteDirectory();
    }
  }

  private void run() throws Exception {
    if (!storage.equals("sqlite") && !storage.equals("postgres")) {
      throw new IllegalArgumentException("bench.storage must be sqlite or postgres but is " + storage);
    }
    System.out.printf("%nLeadGate ledger benchmark: storage=%s (%s), %d cores, Java %s, max heap %d MB%n",
        storage, storage.equals("sqlite") ? "WAL, synchronous=FULL: every commit fsynced"
            : "test server: fsync=off, synchronous_commit=off; commits are not durable",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    if (parts.contains("append")) {
      append();
    }
    if (parts.contains("intake")) {
      intake();
    }
    if (parts.contains("verify")) {
      verify();
    }
    System.out.printf("%nSummary (%s):%n", storage);
    summary.forEach(line -> System.out.println("  " + line));
  }

  // ------------------------------------------------------------------------------------------- (a) appends

  private record Pending(NewConsentEvent event, long submitted, CompletableFuture<Long> committed) {}

  private void append() throws Exception {
    try (Database database = Database.open(freshStorage("append"))) {
      Transactions transactions = new Transactions(database);
      Ledger ledger = new Ledger(transactions.write(SubjectKeys::load));
      BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(Math.max(group * 2, threads * 2));
      AtomicLong commits = new AtomicLong();
      AtomicLong committed = new AtomicLong();
      Thread committer = new Thread(() -> commitLoop(queue, transactions, ledger, commits, committed),
          "bench-committer");
      committer.setDaemon(true);
      committer.start();

      runClients("append", Duration.ofSeconds(warmup), (thread, n) -> appendOne(queue, ledger, thread, n));
      long commitsBefore = commits.get();
      long committedBefore = committed.get();
      long started = System.nanoTime();
      long[] latencies = runClients("append", Duration.ofSeconds(seconds),
          (thread, n) -> appendOne(queue, ledger, thread, n + 10_000_000L));
      double elapsed = (System.nanoTime() - started) / 1e9;
      long appends = committed.get() - committedBefore;
      long groups = commits.get() - commitsBefore;
      committer.interrupt();
      committer.join(10_000);

      Verification verification = transactions.read(ledger::verify);
      long stored = count(transactions, "SELECT COUNT(*) FROM consent_events");
      double perSecond = latencies.length / elapsed;
      System.out.printf("[append] %d threads -> grouping queue -> 1 committer, up to %d appends per transaction;"
          + " %d s after %d s warm-up%n", threads, group, seconds, warmup);
      System.out.printf("[append] %d appends in %d commits (%.1f per commit): %.0f appends/s; commit latency ms:"
          + " p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", appends, groups, appends / (double) Math.max(1, groups),
          perSecond, ms(latencies, 50), ms(latencies, 90), ms(latencies, 99), ms(latencies, 100));
      System.out.printf("[append] ledger: %s, %d events stored%n", verification, stored);
      summary.add(String.format(Locale.ROOT, "append (grouped, %d threads, <= %d per commit): %.0f appends/s,"
          + " p50 %.2f ms, p99 %.2f ms  [target >= %.0f/s: %s]", threads, group, perSecond, ms(latencies, 50),
          ms(latencies, 99), APPEND_TARGET, perSecond >= APPEND_TARGET ? "met" : "MISSED"));
      check(verification instanceof Verification.Intact intact && intact.events() == stored,
          "the append ledger does not verify: " + verification);
    }
  }

  private long appendOne(BlockingQueue<Pending> queue, Ledger ledger, int thread, long n) throws Exception {
    String subject = ledger.keys().keyOf(Subject.email("bench-" + thread + "-" + n + "@example.de"));
    NewConsentEvent event = new NewConsentEvent(Instant.now(), subject, Channel.EMAIL, "newsletter",
        Action.CONFIRMED, LegalBasis.CONSENT_DOI, evidence(thread, n), Actor.person(), Optional.empty());
    Pending pending = new Pending(event, System.nanoTime(), new CompletableFuture<>());
    queue.put(pending);
    return pending.committed().get(60, TimeUnit.SECONDS) - pending.submitted();
  }

  private static void commitLoop(BlockingQueue<Pending> queue, Transactions transactions, Ledger ledger,
      AtomicLong commits, AtomicLong committed) {
    int group = Integer.getInteger("bench.group", 256);
    List<Pending> batch = new ArrayList<>(group);
    while (!Thread.currentThread().isInterrupted()) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, group - 1);
      List<NewConsentEvent> events = batch.stream().map(Pending::event).toList();
      try {
        transactions.write(connection -> ledger.append(connection, events));
        long now = System.nanoTime();
        commits.incrementAndGet();
        committed.addAndGet(batch.size());
        batch.forEach(p -> p.committed().complete(now));
      } catch (SQLException | RuntimeException e) {
        batch.forEach(p -> p.committed().completeExceptionally(e));
      }
      batch.clear();
    }
  }

  // --------------------------------------------------------------------------------------- (a') intake path

  private void intake() throws Exception {
    StorageConfig storageConfig = freshStorage("intake");
    Path data = Files.createDirectories(directory.resolve("intake-data"));
    String yaml = """
        dataDirectory: %s
        storage:
          url: "%s"
          user: "%s"
          password: "%s"
          poolSize: 16
        crm:
          adapter: %s
        consent:
          baseUrl: http://gateway.bench
          purposes:
            - { id: sales-calls, description: calls from ACME sales about widgets }
          wordings:
            - { id: calls-v1, text: "Yes, ACME sales may call me about widgets. I can withdraw at any time." }
          doiMail:
            from: "ACME GmbH <no-reply@acme.example>"
        forms:
          - id: contact
            consents:
              - { field: callOptIn, channel: phone, purpose: sales-calls, wording: calls-v1 }
            fields:
              - { name: lastName, type: text, required: true }
              - { name: email, type: email, required: true }
              - { name: phone, type: phone }
        """.formatted(data, storageConfig.jdbcUrl(), storageConfig.user().orElse(""),
        storageConfig.password().orElse(""), crm.equals("instant") ? InstantCrm.ID : "log");
    GatewayConfig config = new ConfigLoader(Map.<String, String>of()::get)
        .parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "benchmark");
    try (Gateway gateway = Gateway.start(config, InstantCrm.pluginLoader(directory), Clock.systemUTC())) {
      AtomicLong accepted = new AtomicLong();
      runClients("intake", Duration.ofSeconds(warmup), (thread, n) -> submit(gateway, thread, n, accepted));
      long before = accepted.get();
      long started = System.nanoTime();
      long[] latencies = runClients("intake", Duration.ofSeconds(seconds),
          (thread, n) -> submit(gateway, thread, n + 10_000_000L, accepted));
      double elapsed = (System.nanoTime() - started) / 1e9;
      long measured = accepted.get() - before;
      Verification verification = gateway.consent().verify();
      double perSecond = measured / elapsed;
      System.out.printf("[intake] Gateway.submit with a ticked phone box, %d threads, GroupCommitWriter"
          + " (intake.maxBatch %d), delivering meanwhile to %s; %d s after %d s warm-up%n", threads,
          config.intake().maxBatch(), crm.equals("instant") ? "a CRM that acknowledges at once"
              : "the log CRM target (one fsync per lead)", seconds, warmup);
      System.out.printf("[intake] %d submissions = %d ledger appends: %.0f appends/s; submit latency ms: p50 %.2f"
          + "  p90 %.2f  p99 %.2f  max %.2f%n", measured, measured, perSecond, ms(latencies, 50), ms(latencies, 90),
          ms(latencies, 99), ms(latencies, 100));
      System.out.printf("[intake] ledger: %s, %d submissions accepted in all%n", verification, accepted.get());
      summary.add(String.format(Locale.ROOT, "intake (Gateway.submit, %d threads, CRM %s): %.0f appends/s, p50"
          + " %.2f ms, p99 %.2f ms  [target >= %.0f/s: %s]", threads, crm, perSecond, ms(latencies, 50),
          ms(latencies, 99),
          APPEND_TARGET, perSecond >= APPEND_TARGET ? "met" : "MISSED"));
      check(verification instanceof Verification.Intact intact && intact.events() == accepted.get(),
          "the intake ledger does not match the accepted submissions: " + verification + " vs " + accepted.get());
    }
  }

  /**
   * One visitor per submission, as on a real site: confirmation SMS are limited per IP address and hour, so one
   * address for all would record only the first few.
   */
  private static String clientAddress(int thread, long n) {
    return "10." + (thread & 0xFF) + "." + ((n >> 8) & 0xFF) + "." + (n & 0xFF);
  }

  private static long submit(Gateway gateway, int thread, long n, AtomicLong accepted) {
    String email = "bench" + thread + "." + n + "@example.de";
    String phone = "+49 30 " + (1_000_000 + thread * 100_000_000L + n);
    Map<String, List<String>> values = Map.of("lastName", List.of("Lovelace"), "email", List.of(email),
        "phone", List.of(phone), "callOptIn", List.of("on"));
    long start = System.nanoTime();
    Outcome outcome = gateway.submit(new Submission("contact", Instant.now(), "application/x-www-form-urlencoded",
        "lastName=Lovelace&email=" + email + "&phone=" + phone + "&callOptIn=on", values, Optional.empty(),
        new Submission.RequestContext(Optional.of(clientAddress(thread, n)), Optional.of("LedgerBenchmark"),
            Optional.of("https://www.acme.example/kontakt"))));
    long latency = System.nanoTime() - start;
    if (!(outcome instanceof Outcome.Accepted)) {
      throw new IllegalStateException("not accepted: " + outcome);
    }
    accepted.incrementAndGet();
    return latency;
  }

  // ------------------------------------------------------------------------------------------- (b) verify

  private void verify() throws Exception {
    try (Database database = Database.open(freshStorage("verify"))) {
      Transactions transactions = new Transactions(database);
      Ledger ledger = new Ledger(transactions.write(SubjectKeys::load));
      int subjects = Math.max(1, verifyEvents / 4);
      String[] keys = new String[subjects];
      for (int i = 0; i < subjects; i++) {
        keys[i] = ledger.keys().keyOf(Subject.email("person" + i + "@example.de"));
      }
      long buildStart = System.nanoTime();
      for (int done = 0; done < verifyEvents; ) {
        int size = Math.min(buildBatch, verifyEvents - done);
        List<NewConsentEvent> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          int n = done + i;
          batch.add(new NewConsentEvent(T0.plusSeconds(n), keys[n % subjects], Channel.EMAIL, "newsletter",
              n / subjects == 0 ? Action.REQUESTED : n / subjects == 1 ? Action.CONFIRMED : Action.USED,
              LegalBasis.CONSENT_DOI, evidence(n % 97, n), Actor.form("contact"),
              Optional.of("00000000-0000-4000-8000-" + String.format("%012d", n % subjects))));
        }
        transactions.write(connection -> ledger.append(connection, batch));
        done += size;
        if (done % (buildBatch * 20) == 0 || done == verifyEvents) {
          System.out.printf("[verify] built %d / %d events (%.0f s)%n", done, verifyEvents,
              (System.nanoTime() - buildStart) / 1e9);
        }
      }
      double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
      System.out.printf("[verify] built %d events for %d subjects in %.1f s: %.0f appends/s in batches of %d%n",
          verifyEvents, subjects, buildSeconds, verifyEvents / buildSeconds, buildBatch);

      if (storage.equals("sqlite")) {
        // let the bulk load's write-ahead log reach the database file first, so no checkpoint runs meanwhile
        transactions.read(connection -> {
          try (java.sql.Statement statement = connection.createStatement()) {
            return statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
          }
        });
      }
      Transactions.Work<Verification> asTheProductDoes = connection -> {
        // as ConsentService.verify: one transaction, so that PostgreSQL streams the rows with a cursor
        connection.setAutoCommit(false);
        try {
          return ledger.verify(connection);
        } finally {
          connection.rollback();
          connection.setAutoCommit(true);
        }
      };
      transactions.read(asTheProductDoes); // warm-up (JIT, page cache, PostgreSQL hint bits)
      Timed product = median(() -> transactions.read(asTheProductDoes));
      report("verify", "in one transaction, as ConsentService.verify calls it", product);
      long scanStart = System.nanoTime();
      long chars = transactions.read(LedgerBenchmark::scan);
      double scanSeconds = (System.nanoTime() - scanStart) / 1e9;
      System.out.printf("[verify] of which reading the rows (same query and columns, no hashing): %.2f s ="
          + " %.0f rows/s (%d MB of text)%n", scanSeconds, verifyEvents / scanSeconds, chars >> 20);
      check(product.result() instanceof Verification.Intact intact && intact.events() == verifyEvents,
          "the built ledger does not verify: " + product.result());
      // the daily retention job walks the same ledger (events without evidence, 500 subjects a page)
      RetentionJob retention = new RetentionJob(transactions, ledger, retentionConfig(), Clock.fixed(
          T0.plus(Duration.ofDays(100)), java.time.ZoneOffset.UTC), new LeadStore(database, transactions, "log",
          (connection, accept) -> List.of()), () -> { });
      long retentionStart = System.nanoTime();
      RetentionReport report = retention.runOnce();
      System.out.printf("[verify] RetentionJob.runOnce over the same ledger, nothing due: %s in %.2f s%n", report,
          (System.nanoTime() - retentionStart) / 1e9);
      double perSecond = verifyEvents / product.seconds();
      summary.add(String.format(Locale.ROOT, "verify %,d events: %.2f s = %.0f events/s (heap peak %d MB)"
          + "  [target >= %.0f/s: %s]", verifyEvents, product.seconds(), perSecond, product.heapPeakMb(),
          VERIFY_TARGET, perSecond >= VERIFY_TARGET ? "met" : "MISSED"));
    }
  }

  private static org.leadgate.config.ConsentConfig retentionConfig() throws IOException {
    String yaml = "forms:\n  - id: contact\n    fields:\n      - { name: email, type: email }\n";
    return new ConfigLoader(Map.<String, String>of()::get)
        .parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "benchmark").consent();
  }

  /** Reads every ledger row as {@code Ledger.verify} does, without hashing; answers the characters read. */
  private static long scan(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false); // on PostgreSQL: a cursor, like the fastest verify run
    long chars = 0;
    try (PreparedStatement select = connection.prepareStatement("SELECT seq, id, occurred_at, subject_key, channel,"
        + " purpose, action, legal_basis, actor, lead_id, evidence, prev_hash, hash FROM consent_events ORDER BY seq")) {
      select.setFetchSize(5000);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          rows.getLong(1);
          rows.getLong(3);
          for (int column : new int[] {2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}) {
            String value = rows.getString(column);
            chars += value == null ? 0 : value.length();
          }
        }
      }
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
    return chars;
  }

  private record Timed(Verification result, double seconds, long heapPeakMb) {}

  @FunctionalInterface
  private interface Verify {
    Verification run() throws SQLException;
  }

  /** The median of {@code bench.verifyRuns} (default 3) timed runs, with the highest heap peak of them. */
  private static Timed median(Verify verify) throws SQLException {
    List<Timed> runs = new ArrayList<>();
    for (int i = 0; i < Integer.getInteger("bench.verifyRuns", 3); i++) {
      runs.add(timed(verify));
    }
    List<Timed> sorted = runs.stream().sorted(Comparator.comparingDouble(Timed::seconds)).toList();
    Timed middle = sorted.get(sorted.size() / 2);
    System.out.printf("[verify]   runs: %s s%n", runs.stream()
        .map(run -> String.format(Locale.ROOT, "%.2f", run.seconds())).toList());
    return new Timed(middle.result(), middle.seconds(),
        runs.stream().mapToLong(Timed::heapPeakMb).max().orElse(0));
  }

  private static Timed timed(Verify verify) throws SQLException {
    System.gc();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long start = System.nanoTime();
    Verification result = verify.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
    return new Timed(result, seconds, peak);
  }

  private void report(String part, String how, Timed timed) {
    System.out.printf("[%s] %s: %s in %.2f s (median) = %.0f events/s, heap peak %d MB%n", part, how,
        timed.result(),
        timed.seconds(), verifyEvents / timed.seconds(), timed.heapPeakMb());
  }

  // ------------------------------------------------------------------------------------------------ helpers

  @FunctionalInterface
  private interface Client {
    /** One operation; answers its latency in nanoseconds. */
    long run(int thread, long n) throws Exception;
  }

  private long[] runClients(String name, Duration duration, Client client) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "bench-" + name);
      thread.setDaemon(true);
      return thread;
    });
    long deadline = System.nanoTime() + duration.toNanos();
    List<Future<long[]>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        long[] latencies = new long[4096];
        int count = 0;
        for (long n = 0; System.nanoTime() < deadline; n++) {
          long latency = client.run(thread, n);
          if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
          }
          latencies[count++] = latency;
        }
        return Arrays.copyOf(latencies, count);
      }));
    }
    long[] all = new long[0];
    for (Future<long[]> future : futures) {
      long[] some = future.get();
      long[] merged = Arrays.copyOf(all, all.length + some.length);
      System.arraycopy(some, 0, merged, all.length, some.length);
      all = merged;
    }
    pool.shutdown();
    Arrays.sort(all);
    return all;
  }

  private static double ms(long[] sorted, int percentile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static Evidence evidence(int thread, long n) {
    return new Evidence(Map.of(
        Evidence.ADDRESS, "bench-" + thread + "-" + n + "@example.de",
        Evidence.IP, "203.0.113." + (n % 250),
        Evidence.USER_AGENT, "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        Evidence.PAGE_URL, "https://www.acme.example/kontakt",
        Evidence.FORM_ID, "contact",
        Evidence.WORDING_ID, "newsletter-v1",
        Evidence.WORDING_SHA256, "73f58555793c58253fa7f79bf8f3a0302f0a11e327313d91b5a561e7ff287256"));
  }

  private StorageConfig freshStorage(String name) {
    if (storage.equals("sqlite")) {
      return new StorageConfig("jdbc:sqlite:" + directory.resolve(name + ".db"), Optional.empty(), Optional.empty(),
          8, Duration.ofSeconds(30));
    }
    PostgresServer.Database database = PostgresServer.shared().newDatabase();
    return new StorageConfig(database.jdbcUrl(), Optional.ofNullable(database.user()),
        Optional.ofNullable(database.password()), 8, Duration.ofSeconds(30));
  }

  private static long count(Transactions transactions, String sql) throws SQLException {
    return transactions.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    });
  }

  private static void check(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalStateException(problem);
    }
  }

  private void deleteDirectory() throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
  /**
   * A CRM that acknowledges every lead at once ({@code -Dbench.crm=instant}), to see the intake path without the
   * log target's fsync per lead. Registered through a class loader that adds one service file.
   */
  public static final class InstantCrm implements CrmAdapterFactory {
    static final String ID = "bench-instant";

    @Override
    public String id() {
      return ID;
    }

    @Override
    public CrmAdapter create(PluginContext context) {
      return delivery -> DeliveryResult.delivered(null);
    }

    static ClassLoader pluginLoader(Path directory) throws IOException {
      String service = "META-INF/services/" + CrmAdapterFactory.class.getName();
      Path file = directory.resolve("instant-crm.services");
      Files.writeString(file, InstantCrm.class.getName() + "\n");
      URL url = file.toUri().toURL();
      return new ClassLoader(LedgerBenchmark.class.getClassLoader()) {
        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
          List<URL> urls = Collections.list(super.getResources(name));
          if (name.equals(service)) {
            urls.add(url);
          }
          return Collections.enumeration(urls);
        }
      };
    }
  }
}
