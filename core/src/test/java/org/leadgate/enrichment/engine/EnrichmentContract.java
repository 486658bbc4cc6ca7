package org.leadgate.enrichment.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.config.ConfigLoader;
import org.leadgate.config.GatewayConfig;
import org.leadgate.enrichment.EnrichedValue;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderOutcome;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.UsageStore;
import org.leadgate.enrichment.request.RequestMetadata;
import org.leadgate.intake.Submission;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.outbox.DeliveryWorker;
import org.leadgate.storage.Backend;
import org.leadgate.storage.Database;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.StorageFixtures;
import org.leadgate.storage.Transactions;
import org.leadgate.testing.MutableClock;

/**
 * Enrichment on real storage with scripted providers: what is stored after a lead is enriched, that it is enriched
 * once, that its IP is cut to its network, and that the re-enrichment job fills gaps and delivers the lead again.
 */
abstract class EnrichmentContract {
  private final Backend backend;
  @TempDir
  Path directory;

  private final MutableClock clock = new MutableClock(StorageFixtures.T0);
  private final ScriptedStep geo = new ScriptedStep("geo", Provenance.Source.IP_DERIVED, clock);
  private final ScriptedStep pdl = new ScriptedStep("pdl", Provenance.Source.PROVIDER, clock);
  private Database database;
  private LeadStore leads;
  private Enrichment enrichment;

  EnrichmentContract(Backend backend) {
    this.backend = backend;
  }

  @BeforeEach
  void open() throws Exception {
    geo.query = input -> input.ip().map(ip -> LookupQuery.of("ip", ip.getHostAddress()));
    String yaml = """
        dataDirectory: %s
        enrichment:
          accept: { fields: [company, industry] }
          reEnrich: { every: 10m, giveUpAfter: 2d }
        forms:
          - id: contact
            fields:
              - { name: email, type: email, required: true }
              - { name: country, type: text }
              - { name: utm_source, type: hidden }
        """.formatted(directory);
    GatewayConfig config = new ConfigLoader(Map.<String, String>of()::get)
        .parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test")
        .withStorage(backend.freshDatabase(directory));
    database = Database.open(config.storage());
    Transactions transactions = new Transactions(database);
    leads = new LeadStore(database, transactions, "log", (connection, accept) -> {
      Enrichment.recordRequest(connection, accept);
      return List.of();
    });
    Waterfall waterfall = new Waterfall(List.of(geo, pdl), Set.of("company", "industry"), Duration.ofSeconds(3),
        clock);
    enrichment = new Enrichment(config.enrichment(), Providers.of(List.of(geo, pdl)),
        new Enricher(config, Map.of("contact", waterfall), new RequestMetadata(), clock),
        new EnrichmentStore(database.dataSource(), transactions, leads), clock);
  }

  @AfterEach
  void close() {
    enrichment.close();
    database.close();
  }

  private static ProviderOutcome found(String... pairs) {
    Map<String, EnrichedValue> fields = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put(pairs[i], EnrichedValue.certain(pairs[i + 1]));
    }
    return new ProviderOutcome.Answered(new ProviderResult.Found(fields, OptionalDouble.empty()), false);
  }

  /** Accepts a lead of ada@acme.de posted from {@code ip}, with a typed country. */
  private String accept(String ip) throws Exception {
    Map<String, List<String>> values = Map.of("email", List.of("ada@acme.de"), "country", List.of("AT"),
        "utm_source", List.of("newsletter"));
    Submission submission = new Submission("contact", clock.instant(), "application/x-www-form-urlencoded",
        "email=ada%40acme.de", values, Optional.empty(), new Submission.RequestContext(Optional.of(ip),
        Optional.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/120.0.0.0 Safari/537.36"), Optional.of("https://www.acme.de/kontakt?email=ada%40acme.de"),
        Optional.of("de-DE,de;q=0.9,en;q=0.8")));
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    fields.put("email", new FieldValue("ada@acme.de", Provenance.typed("contact", clock.instant())));
    fields.put("country", new FieldValue("AT", Provenance.typed("contact", clock.instant())));
    Lead lead = new Lead(UUID.randomUUID().toString(), "contact", clock.instant(), fields);
    leads.acceptAll(List.of(new LeadStore.Accept(submission, lead)));
    return lead.id();
  }

  private List<LeadStore.PendingDelivery> prepareDue() throws Exception {
    List<LeadStore.PendingDelivery> due = leads.due(clock.instant(), 10);
    return enrichment.plan(due).prepare(due);
  }

  private Map<String, Object> row(String sql, String leadId) throws Exception {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, leadId);
      try (ResultSet rows = select.executeQuery()) {
        Map<String, Object> row = new HashMap<>();
        if (rows.next()) {
          for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
            row.put(rows.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rows.getObject(i));
          }
        }
        return row;
      }
    }
  }

  @Test
  void a_claimed_lead_is_enriched_before_delivery_and_what_was_found_is_stored_with_its_source() throws Exception {
    geo.answers(found("country", "DE", "city", "Berlin"));
    pdl.answers(found("company", "ACME GmbH", "industry", "Software"));
    String leadId = accept("81.2.69.160");

    Lead delivered = prepareDue().get(0).lead();

    assertEquals("AT", delivered.value("country").orElseThrow(), "a typed country is not replaced by the IP's");
    assertEquals("Berlin", delivered.value("city").orElseThrow());
    assertEquals(Provenance.Source.IP_DERIVED, delivered.fields().get("city").provenance().source());
    assertEquals("provider:pdl", delivered.fields().get("industry").provenance().origin());
    assertEquals("de-DE", delivered.value("language").orElseThrow());
    assertEquals("newsletter", delivered.value("utmSource").orElseThrow());
    assertEquals("https://www.acme.de/kontakt", delivered.value("referrer").orElseThrow(),
        "the referrer's query may hold personal data and is dropped");
    assertEquals(Provenance.Source.REQUEST, delivered.fields().get("language").provenance().source());
    Lead stored = leads.due(clock.instant(), 10).get(0).lead();
    assertEquals(delivered.fields(), stored.fields(), "the enriched fields are stored");
    assertEquals("complete", row("SELECT status FROM enrichments WHERE lead_id = ?", leadId).get("status"));
  }

  @Test
  void the_client_address_is_cut_to_its_network_once_looked_up() throws Exception {
    geo.answers(found("city", "Berlin"));
    pdl.answers(found("company", "ACME GmbH", "industry", "Software"));
    String leadId = accept("81.2.69.160");

    prepareDue();

    Map<String, Object> request = row("SELECT client_ip, ip_truncated FROM lead_requests WHERE lead_id = ?", leadId);
    assertEquals("81.2.69.0", request.get("client_ip"));
    assertEquals(1, ((Number) request.get("ip_truncated")).intValue());
  }

  @Test
  void a_private_address_is_never_looked_up_and_not_kept() throws Exception {
    pdl.answers(found("company", "ACME GmbH", "industry", "Software"));
    String leadId = accept("192.168.1.20");

    prepareDue();

    assertTrue(geo.asked.isEmpty());
    assertEquals(null, row("SELECT client_ip FROM lead_requests WHERE lead_id = ?", leadId).get("client_ip"));
  }

  @Test
  void claims_last_longer_by_the_time_enrichment_may_take_and_only_while_there_is_something_to_enrich()
      throws Exception {
    geo.answers(found("city", "Berlin"));
    pdl.answers(found("company", "ACME GmbH", "industry", "Software"));
    accept("81.2.69.160");
    List<LeadStore.PendingDelivery> due = leads.due(clock.instant(), 10);

    DeliveryWorker.Preparation.Plan plan = enrichment.plan(due);
    assertEquals(Duration.ofSeconds(3 + 5), plan.allowance(), "one wave of one budget, and a margin");
    plan.prepare(due);
    assertEquals(Duration.ZERO, enrichment.plan(leads.due(clock.instant(), 10)).allowance());
  }

  @Test
  void a_lead_is_enriched_once_even_when_its_delivery_is_tried_again() throws Exception {
    geo.answers(found("city", "Berlin"));
    pdl.answers(found("company", "ACME GmbH", "industry", "Software"));
    accept("81.2.69.160");

    prepareDue();
    List<LeadStore.PendingDelivery> again = prepareDue();

    assertEquals(1, pdl.asked.size());
    assertEquals(1, geo.asked.size());
    assertEquals("ACME GmbH", again.get(0).lead().value("company").orElseThrow());
  }

  @Test
  void a_gap_is_filled_by_the_re_enrichment_job_once_the_provider_is_back_and_the_lead_is_delivered_again()
      throws Exception {
    geo.answers(found("city", "Berlin"));
    pdl.answers(new ProviderOutcome.Skipped(ProviderOutcome.SkipReason.CIRCUIT_OPEN));
    String leadId = accept("81.2.69.160");
    Lead first = prepareDue().get(0).lead();
    assertEquals(Optional.of("Berlin"), first.value("city"), "delivered with what was found");
    assertFalse(first.value("company").isPresent());
    assertEquals("gaps", row("SELECT status FROM enrichments WHERE lead_id = ?", leadId).get("status"));
    leads.record(List.of(new LeadStore.AttemptResult.Delivered(leadId, 0, 1, Optional.empty())), clock.instant());

    pdl.available = false;
    clock.advance(Duration.ofMinutes(11));
    assertEquals(0, enrichment.reEnrichOnce(), "not tried while the provider is unavailable");

    pdl.available = true;
    geo.answers(found("city", "Berlin"));
    pdl.answers(found("company", "ACME GmbH", "industry", "Software"));
    clock.advance(Duration.ofMinutes(11));
    assertEquals(1, enrichment.reEnrichOnce());

    LeadStore.PendingDelivery again = leads.due(clock.instant(), 10).get(0);
    assertEquals(1, again.revision(), "queued for delivery again as a new revision");
    assertEquals("ACME GmbH", again.lead().value("company").orElseThrow());
    assertEquals("complete", row("SELECT status FROM enrichments WHERE lead_id = ?", leadId).get("status"));
  }

  @Test
  void gaps_older_than_the_give_up_age_are_left_alone() throws Exception {
    geo.answers(found("city", "Berlin"));
    pdl.answers(new ProviderOutcome.Skipped(ProviderOutcome.SkipReason.BUDGET_SPENT));
    String leadId = accept("81.2.69.160");
    prepareDue();

    clock.advance(Duration.ofDays(3));
    enrichment.reEnrichOnce();

    assertEquals("gave-up", row("SELECT status FROM enrichments WHERE lead_id = ?", leadId).get("status"));
    assertEquals(1, pdl.asked.size());
  }

  @Test
  void call_budgets_are_counted_durably_and_all_or_nothing_across_periods() {
    JdbcUsageStore usage = new JdbcUsageStore(database.dataSource(), new Transactions(database));
    List<UsageStore.Limit> limits = List.of(new UsageStore.Limit("day:2026-01-05", 2),
        new UsageStore.Limit("month:2026-01", 3));

    assertTrue(usage.tryCount("pdl", limits));
    assertTrue(usage.tryCount("pdl", limits));
    assertFalse(usage.tryCount("pdl", limits), "the day's two calls are spent");
    List<UsageStore.Limit> nextDay = List.of(new UsageStore.Limit("day:2026-01-06", 2),
        new UsageStore.Limit("month:2026-01", 3));
    assertTrue(usage.tryCount("pdl", nextDay));
    assertFalse(usage.tryCount("pdl", nextDay), "the month's three calls are spent");

    assertEquals(1, usage.used("pdl", "day:2026-01-06"), "a refused call counts in no period");
    assertEquals(3, usage.used("pdl", "month:2026-01"));
    assertEquals(0, usage.used("apollo", "month:2026-01"));
  }
}
