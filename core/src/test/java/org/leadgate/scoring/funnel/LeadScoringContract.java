package org.leadgate.scoring.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.config.ConfigLoader;
import org.leadgate.config.GatewayConfig;
import org.leadgate.consent.ledger.SubjectKeys;
import org.leadgate.lead.Lead;
import org.leadgate.scoring.BehaviourEvent;
import org.leadgate.storage.Backend;
import org.leadgate.storage.Database;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.StorageFixtures;
import org.leadgate.storage.Transactions;
import org.leadgate.testing.MutableClock;

/** Scoring on real storage (SQLite and PostgreSQL) with an injected clock: an MQL whose points decay is recycled and delivered again. */
abstract class LeadScoringContract {
  private final Backend backend;

  LeadScoringContract(Backend backend) {
    this.backend = backend;
  }

  @TempDir
  Path directory;

  private final MutableClock clock = new MutableClock(StorageFixtures.T0);
  private Database database;
  private LeadStore leads;
  private LeadScoring scoring;
  private int wakeUps;

  @BeforeEach
  void open() throws Exception {
    String yaml = """
        dataDirectory: %s
        scoring:
          behaviour:
            - { id: form, event: form-submitted, points: 20 }
            - { id: pricing, event: page-visited, where: { path: /pricing }, points: 40 }
          decay: { pointsPerIdleDay: 5, after: 14d }
        forms:
          - id: contact
            fields:
              - { name: email, type: email, required: true }
        """.formatted(directory);
    GatewayConfig config = new ConfigLoader(Map.<String, String>of()::get)
        .parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test")
        .withStorage(backend.freshDatabase(directory));
    database = Database.open(config.storage());
    Transactions transactions = new Transactions(database);
    leads = new LeadStore(database, transactions, "log", (connection, accept) -> {
      LeadScoring.recordAccepted(connection, accept, List.of());
      return List.of();
    });
    scoring = new LeadScoring(config.scoring(), transactions, leads, transactions.write(SubjectKeys::load), clock,
        () -> wakeUps++);
  }

  @AfterEach
  void close() {
    scoring.close();
    database.close();
  }

  private String stage(Lead lead) {
    return lead.score().orElseThrow().stage().stage().id();
  }

  @Test
  void an_mql_whose_points_decay_below_the_threshold_goes_back_to_lead_and_the_crm_is_told() throws Exception {
    LeadStore.Accept accept = StorageFixtures.accept("ada@acme.de", clock.instant());
    leads.acceptAll(List.of(accept));
    scoring.record(new LeadScoring.LeadRef.ById(accept.lead().id()), new BehaviourEvent("page-visited",
        clock.instant(), Map.of("path", "/pricing")));
    Lead mql = scoring.score(leads.due(clock.instant(), 10).get(0).lead());
    assertEquals("mql", stage(mql));
    assertEquals(60, mql.score().orElseThrow().score().total());
    leads.record(List.of(new LeadStore.AttemptResult.Delivered(accept.lead().id(), 1, 1, java.util.Optional.empty())),
        clock.instant());

    clock.advance(Duration.ofDays(16));
    assertEquals(0, scoring.recheckOnce(), "two idle days past the grace period cost 10 points: 50 is still MQL");
    assertTrue(leads.due(clock.instant(), 10).isEmpty(), "nothing to tell the CRM");

    clock.advance(Duration.ofDays(1));
    int wakeUpsBefore = wakeUps;
    assertEquals(1, scoring.recheckOnce(), "the third idle day brings it to 45, below the threshold");

    LeadStore.PendingDelivery again = leads.due(clock.instant(), 10).get(0);
    assertEquals(accept.lead().id(), again.lead().id(), "queued for delivery again");
    Lead recycled = scoring.score(again.lead());
    assertEquals("lead", stage(recycled));
    assertTrue(recycled.score().orElseThrow().stage().mqlAt().isEmpty(), "the hand-over is over");
    assertTrue(wakeUps > wakeUpsBefore);
  }
}
