package org.leadgate.crm.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadgate.consent.Channel;
import org.leadgate.consent.ConsentStatus;
import org.leadgate.consent.Permissions;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.testing.MutableClock;

/**
 * API economy: 10,000 leads through the adapter against the emulation, handed over as the delivery worker does —
 * in rounds of 200 when they arrive over time, or as one round when they are a backlog (up to the adapter's batch
 * limit) — counting the API calls Salesforce would charge plus token requests.
 * Excluded from normal runs (see the module pom); run it with
 * {@code mvn -B -o -pl crm-adapter-salesforce test -Dtest=ApiEconomyBenchmark}.
 */
class ApiEconomyBenchmark {
  private static final int LEADS = 10_000;
  /** A worker round of leads that arrived over time. */
  private static final int ROUND = 200;

  private final MutableClock clock = MutableClock.atFixedStart();
  private final SalesforceEmulator salesforce = new SalesforceEmulator(clock);
  private SalesforceAdapter adapter;

  @AfterEach
  void close() {
    adapter.close();
    salesforce.close();
  }

  @Test
  void collections_with_consent_flags_need_at_most_sixty_calls_for_ten_thousand_leads() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);

    int calls = run("collections, simple consent", ROUND);

    assertTrue(calls <= 60, calls + " calls");
  }

  @Test
  void collections_with_full_consent_objects_need_three_calls_per_batch() {
    adapter = TestSettings.jwtBearer(salesforce).with("consent", Map.of("mode", "full",
        "purposes", Map.of("newsletter", "Marketing", "sales-calls", "Sales"))).adapter(clock);

    int calls = run("collections, full consent", ROUND);

    assertTrue(calls <= 3 * LEADS / 200 + 2, calls + " calls");
  }

  @Test
  void a_backlog_of_ten_thousand_in_one_round_goes_through_one_bulk_job() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);

    int calls = run("bulk, one round", adapter.batchLimit());

    assertTrue(calls <= 10, calls + " calls");
  }

  @Test
  void one_call_per_lead_for_comparison() {
    adapter = TestSettings.jwtBearer(salesforce).with("batch", Map.of("size", 1)).adapter(clock);

    int calls = run("one call per lead", ROUND);

    assertTrue(calls > LEADS, calls + " calls");
  }

  /** Delivers the leads in rounds of {@code round}; answers data calls plus token requests. */
  private int run(String label, int round) {
    List<Delivery> leads = leads();
    long started = System.nanoTime();
    int delivered = 0;
    for (int from = 0; from < leads.size(); from += round) {
      List<DeliveryResult> results = adapter.deliverAll(leads.subList(from, Math.min(leads.size(), from + round)));
      delivered += (int) results.stream().filter(DeliveryResult.Delivered.class::isInstance).count();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(LEADS, delivered);
    assertEquals(LEADS, salesforce.org.records("Lead").size());
    int total = salesforce.apiCalls() + salesforce.tokenRequests();
    System.out.printf("event=benchmark.api_economy mode=\"%s\" leads=%d round=%d api_calls=%d token_requests=%d "
            + "total_requests=%d millis=%d%n", label, LEADS, round, salesforce.apiCalls(),
        salesforce.tokenRequests(), total, millis);
    return total;
  }

  private static List<Delivery> leads() {
    List<Delivery> leads = new ArrayList<>(LEADS);
    for (int i = 0; i < LEADS; i++) {
      Permissions permissions = new Permissions(List.of(
          TestLeads.permission(Channel.EMAIL, "newsletter", i % 3 == 0 ? ConsentStatus.WITHDRAWN : ConsentStatus.CONFIRMED),
          TestLeads.permission(Channel.PHONE, "sales-calls", ConsentStatus.GRANTED)));
      leads.add(TestLeads.delivery(TestLeads.lead("bench-" + i, Map.of("firstName", "Ada", "lastName", "Lovelace" + i,
          "company", "Company " + (i % 700), "email", "bench-" + i + "@example.com", "phone", "+4930" + (1_000_000 + i),
          "city", "Berlin", "country", "DE")).withPermissions(permissions)
          .withScore(TestLeads.mql(30 + i % 20, i % 40, TestLeads.RECEIVED))));
    }
    return leads;
  }
}
