package org.leadgate.duplicates.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.leadgate.config.ConfigLoader;
import org.leadgate.config.FormConfig;
import org.leadgate.config.GatewayConfig;
import org.leadgate.duplicates.MatchKeys;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.quality.EmailCheck;
import org.leadgate.quality.LeadChecks;
import org.leadgate.quality.MxCheck;
import org.leadgate.quality.PhoneCheck;
import org.leadgate.scoring.BehaviourEvent;
import org.leadgate.scoring.Score;
import org.leadgate.scoring.Scorer;
import org.leadgate.storage.Backend;
import org.leadgate.storage.Database;
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
 * Data quality, duplicate lookup and scoring of one lead, per second on one core, with 1,000,000 leads (and their
 * match keys) already in a SQLite store: the quality checks of the typed email, phone, company, postal code and
 * country; the match keys (address and fuzzy person key) and their lookup in {@code lead_keys}; and the fit and
 * behaviour score with six events. Half the leads match an existing lead. As in the delivery worker, the lookups of
 * a round of {@value #ROUND} leads share one transaction. Target: at least 20,000 leads/s.
 *
 * <p>Run: {@code mvn -B -pl core -am -DskipTests -Pbenchmark verify -Dbench.parts=jmh
 * -Dbench.jmh="DuplicatesBenchmark -wi 3 -i 5 -f 2 -r 3s"} (the store is built once per fork, about a minute).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class DuplicatesBenchmark {
  private static final int EXISTING = 1_000_000;
  private static final int SAMPLES = 4096;
  /** Leads per transaction: a round of the delivery worker, which deduplicates a round in one transaction. */
  private static final int ROUND = 200;

  private Path directory;
  private Database database;
  private Connection connection;
  private KeyIndex index;
  private FormConfig form;
  private LeadChecks checks;
  private MatchKeys matchKeys;
  private Scorer scorer;
  private Lead[] leads;
  private List<BehaviourEvent> events;
  private Instant now;
  private int next;

  /** What one lead costs: its checked fields, the owners of its keys, and its score. */
  public record Result(Lead checked, Map<String, String> owners, Score score) {}

  @Setup(Level.Trial)
  public void setUp() throws IOException, SQLException {
    directory = Files.createTempDirectory("duplicates-benchmark-");
    GatewayConfig config = new ConfigLoader(Map.<String, String>of()::get).parse(new ByteArrayInputStream("""
        dataDirectory: %s
        duplicates:
          fuzzy: { enabled: true }
        scoring:
          fit:
            - { id: germany, field: country, in: [DE], points: 10 }
            - { id: business-mail, field: email, freemail: false, points: 10 }
          behaviour:
            - { id: form, event: form-submitted, points: 20 }
            - { id: product-pages, event: page-visited, where: { path: /produkte }, points: 5, perDay: true }
            - { id: careers, event: page-visited, where: { path: /karriere }, points: -10 }
          decay: { pointsPerIdleDay: 1, after: 14d }
        forms:
          - id: contact
            fields:
              - { name: firstName, type: text }
              - { name: lastName, type: text }
              - { name: email, type: email, required: true }
              - { name: phone, type: phone }
              - { name: company, type: text }
              - { name: postalCode, type: text }
              - { name: country, type: text }
        """.formatted(directory).getBytes(StandardCharsets.UTF_8)), "benchmark")
        .withStorage(Backend.SQLITE.freshDatabase(directory));
    form = config.form("contact").orElseThrow();
    checks = new LeadChecks(new EmailCheck(Set.of()), new MxCheck(MxCheck.Settings.DEFAULTS, Clock.systemUTC()),
        new PhoneCheck(), "DE");
    matchKeys = new MatchKeys(config.duplicates());
    scorer = new Scorer(config.scoring());
    database = Database.open(config.storage());
    now = Instant.parse("2026-11-24T09:00:00Z");
    fill();
    connection = database.dataSource().getConnection();
    connection.setAutoCommit(false);
    index = new KeyIndex(connection);
    leads = new Lead[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      // even samples are people already in the store, odd ones are new
      leads[i] = person(i % 2 == 0 ? i * 211 : EXISTING + i, now);
    }
    events = List.of(new BehaviourEvent("form-submitted", now.minus(Duration.ofDays(3)), Map.of()),
        new BehaviourEvent("page-visited", now.minus(Duration.ofDays(3)), Map.of("path", "/produkte")),
        new BehaviourEvent("page-visited", now.minus(Duration.ofDays(2)), Map.of("path", "/produkte")),
        new BehaviourEvent("page-visited", now.minus(Duration.ofDays(1)), Map.of("path", "/produkte")),
        new BehaviourEvent("page-visited", now.minus(Duration.ofHours(3)), Map.of("path", "/karriere")),
        new BehaviourEvent("form-submitted", now, Map.of()));
  }

  /** The typed fields of person {@code n}, as a form posts them. */
  private static Lead person(int n, Instant at) {
    Provenance typed = Provenance.typed("contact", at);
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    fields.put("firstName", new FieldValue("Anna" + n, typed));
    fields.put("lastName", new FieldValue("Müller-" + n, typed));
    fields.put("email", new FieldValue("Anna.Mueller" + n + "@Firma" + (n % 5000) + ".de", typed));
    fields.put("phone", new FieldValue("030 " + (1_000_000 + n), typed));
    fields.put("company", new FieldValue("Firma " + (n % 5000) + " G.m.b.H.", typed));
    fields.put("postalCode", new FieldValue("D-" + (10115 + n % 80000), typed));
    fields.put("country", new FieldValue("Deutschland", typed));
    return new Lead("lead-" + n, "contact", at, fields);
  }

  /** A store of {@code EXISTING} leads with their keys, as deduplication leaves it. */
  private void fill() throws SQLException {
    try (Connection writer = database.dataSource().getConnection()) {
      writer.setAutoCommit(false);
      try (PreparedStatement submission = writer.prepareStatement("INSERT INTO submissions (id, form_id,"
              + " received_at, content_type, body) VALUES (?, 'contact', ?, 'application/json', '')");
          PreparedStatement lead = writer.prepareStatement(
              "INSERT INTO leads (id, submission_id, form_id, received_at, fields) VALUES (?, ?, 'contact', ?, '{}')");
          PreparedStatement key = writer.prepareStatement(
              "INSERT INTO lead_keys (key_hash, lead_id) VALUES (?, ?)")) {
        for (int n = 0; n < EXISTING; n++) {
          String id = "lead-" + n;
          submission.setString(1, "s-" + n);
          submission.setLong(2, now.toEpochMilli());
          submission.addBatch();
          lead.setString(1, id);
          lead.setString(2, "s-" + n);
          lead.setLong(3, now.toEpochMilli());
          lead.addBatch();
          for (String matchKey : matchKeys.keys(checks.check(person(n, now), form, now), "email")) {
            key.setString(1, DuplicateStore.hash(matchKey));
            key.setString(2, id);
            key.addBatch();
          }
          if (n % 10_000 == 9_999) {
            submission.executeBatch();
            lead.executeBatch();
            key.executeBatch();
          }
        }
        submission.executeBatch();
        lead.executeBatch();
        key.executeBatch();
      }
      writer.commit();
    }
  }

  @Benchmark
  public Result checkDedupeAndScoreOneLead() throws SQLException {
    if (next % ROUND == 0) {
      connection.commit(); // the round before ends, and with it the snapshot its lookups read
    }
    Lead lead = checks.check(leads[next++ & (SAMPLES - 1)], form, now);
    List<String> hashes = matchKeys.keys(lead, "email").stream().map(DuplicateStore::hash).toList();
    return new Result(lead, index.owners(hashes), scorer.score(lead, events, now));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException, SQLException {
    index.close();
    connection.close();
    database.close();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
