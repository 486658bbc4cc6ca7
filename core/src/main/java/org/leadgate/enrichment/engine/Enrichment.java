package org.leadgate.enrichment.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.leadgate.config.EnrichmentConfig;
import org.leadgate.config.FormConfig;
import org.leadgate.config.GatewayConfig;
import org.leadgate.enrichment.ProviderOutcome;
import org.leadgate.enrichment.request.RequestMetadata;
import org.leadgate.enrichment.request.Utm;
import org.leadgate.intake.Submission;
import org.leadgate.lead.Lead;
import org.leadgate.outbox.DeliveryWorker;
import org.leadgate.storage.Database;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.Transactions;
import org.leadgate.work.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrichment in a running gateway. It records each accepted lead's request (in the accepting transaction), enriches
 * the leads the delivery worker has claimed and not yet enriched — in parallel, each within its time budget, never
 * on the request path — stores what was found with the client address cut to its network, and runs the
 * re-enrichment job that tries gaps again once their providers are back, queuing changed leads for delivery.
 */
public final class Enrichment implements DeliveryWorker.Preparation, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Enrichment.class);
  private static final int BATCH = 200;
  /** Extra time past a lead's budget before its run is abandoned (a provider that ignores its timeout). */
  private static final Duration OVERRUN = Duration.ofSeconds(5);
  private static final Duration LONGEST_GAP_WAIT = Duration.ofDays(1);

  private final EnrichmentConfig config;
  private final Providers providers;
  private final Enricher enricher;
  private final EnrichmentStore store;
  private final Clock clock;
  private final ExecutorService workers;
  private final PollingLoop reEnrichment;

  Enrichment(EnrichmentConfig config, Providers providers, Enricher enricher, EnrichmentStore store, Clock clock) {
    this.config = config;
    this.providers = providers;
    this.enricher = enricher;
    this.store = store;
    this.clock = clock;
    AtomicInteger threads = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
      Thread thread = new Thread(runnable, "leadgate-enrich-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.reEnrichment = new PollingLoop("leadgate-re-enrichment", config.reEnrichEvery(), Duration.ofSeconds(30),
        this::reEnrichOnce, e -> LOG.warn("event=enrichment.re_enrich_failed error=\"{}\"", e.getMessage()));
  }

  /** Builds the configured providers (a bad setting fails here, naming its key) and the waterfall of each form. */
  public static Enrichment create(GatewayConfig config, ClassLoader plugins, Database database,
      Transactions transactions, LeadStore leads, Clock clock) {
    Providers providers = Providers.create(config, plugins, new JdbcUsageStore(database.dataSource(), transactions),
        clock);
    try {
      Map<String, Waterfall> waterfalls = new HashMap<>();
      for (FormConfig form : config.forms()) {
        waterfalls.put(form.id(), new Waterfall(Enricher.providerNames(form, config.enrichment()).stream()
            .map(providers::step).toList(), java.util.Set.copyOf(config.enrichment().acceptFields()),
            config.enrichment().timeBudget(), clock));
      }
      Enricher enricher = new Enricher(config, waterfalls, new RequestMetadata(), clock);
      return new Enrichment(config.enrichment(), providers,
          enricher, new EnrichmentStore(database.dataSource(), transactions, leads), clock);
    } catch (RuntimeException e) {
      providers.close();
      throw e;
    }
  }

  /** Starts the re-enrichment job. */
  public void start() {
    reEnrichment.start();
  }

  /** Records the request of a lead being accepted; part of the accepting transaction. */
  public static void recordRequest(Connection connection, LeadStore.Accept accept) throws SQLException {
    Submission submission = accept.submission();
    Submission.RequestContext context = submission.context();
    EnrichmentStore.recordRequest(connection, accept.lead().id(), new StoredRequest(context.ip(), false,
        context.userAgent(), context.acceptLanguage(), context.pageUrl(),
        Utm.from(submission.values(), context.pageUrl())));
  }

  /**
   * The delivery worker's preparation: finds the due leads not enriched before (one query per round); the claim
   * lasts longer by the time enriching them may take, in waves of {@code concurrency} leads each within its budget
   * (nothing for forms without providers); then enriches those the worker claimed, stores the results, and answers
   * the leads to deliver with their enriched fields.
   */
  @Override
  public Plan plan(List<LeadStore.PendingDelivery> due) throws SQLException {
    Map<String, StoredRequest> fresh = store.notYetEnriched(due.stream().map(p -> p.lead().id()).toList());
    boolean asks = enricher.asksProviders(due.stream().filter(p -> fresh.containsKey(p.lead().id()))
        .map(p -> p.lead().formId()));
    Duration allowance = asks ? longestRun(fresh.size()) : Duration.ZERO;
    return new Plan() {
      @Override
      public Duration allowance() {
        return allowance;
      }

      @Override
      public List<LeadStore.PendingDelivery> prepare(List<LeadStore.PendingDelivery> claimed) throws SQLException {
        return enrich(claimed, fresh);
      }
    };
  }

  private List<LeadStore.PendingDelivery> enrich(List<LeadStore.PendingDelivery> claimed,
      Map<String, StoredRequest> fresh) throws SQLException {
    List<LeadStore.PendingDelivery> toEnrich = claimed.stream().filter(p -> fresh.containsKey(p.lead().id()))
        .toList();
    if (toEnrich.isEmpty()) {
      return claimed;
    }
    Instant now = clock.instant();
    List<EnrichmentStore.Result> results = inParallel(toEnrich,
        pending -> result(enricher.enrich(pending.lead(), fresh.get(pending.lead().id())), 1, now),
        pending -> abandoned(pending.lead(), 1, now));
    store.save(results, clock.instant(), false);
    Map<String, Lead> enriched = new HashMap<>();
    results.forEach(result -> enriched.put(result.lead().id(), result.lead()));
    return claimed.stream().map(pending -> enriched.containsKey(pending.lead().id())
        ? pending.with(enriched.get(pending.lead().id()))
        : pending).toList();
  }

  /** How long {@code leads} leads take at most: one budget per wave, and a little more. */
  private Duration longestRun(int leads) {
    int waves = (leads + config.concurrency() - 1) / config.concurrency();
    return config.timeBudget().multipliedBy(waves).plus(OVERRUN);
  }

  /**
   * One round of the re-enrichment job: leads with gaps that are due run their waterfall again if a provider they
   * miss is available; leads whose fields changed are queued for delivery again. Answers how many were tried.
   */
  public int reEnrichOnce() throws SQLException {
    Instant now = clock.instant();
    List<EnrichmentStore.Due> due = store.due(now, BATCH);
    List<EnrichmentStore.Due> ready = new ArrayList<>();
    List<EnrichmentStore.Result> results = new ArrayList<>();
    for (EnrichmentStore.Due lead : due) {
      if (now.isAfter(lead.firstRunAt().plus(config.giveUpAfter()))) {
        results.add(new EnrichmentStore.Result(lead.lead(), false, false, Optional.empty(),
            EnrichmentStore.Status.GAVE_UP, Map.of(), lead.runs(), lead.firstRunAt(), now));
      } else if (providers.anyAvailable(lead.gaps().keySet())) {
        ready.add(lead);
      } else {
        results.add(new EnrichmentStore.Result(lead.lead(), false, false, Optional.empty(),
            EnrichmentStore.Status.GAPS, lead.gaps(), lead.runs(), lead.firstRunAt(), now.plus(config.reEnrichEvery())));
      }
    }
    results.addAll(inParallel(ready, lead -> result(enricher.enrich(lead.lead(), lead.request()), lead.runs() + 1,
        lead.firstRunAt()), lead -> abandoned(lead.lead(), lead.runs() + 1, lead.firstRunAt())));
    store.save(results, clock.instant(), true);
    if (!due.isEmpty()) {
      LOG.info("event=enrichment.re_enriched due={} run={}", due.size(), ready.size());
    }
    return ready.size();
  }

  private EnrichmentStore.Result result(Enricher.Enriched enriched, int runs, Instant firstRunAt) {
    EnrichmentRun run = enriched.run();
    Instant now = clock.instant();
    EnrichmentStore.Status status = run.complete() ? EnrichmentStore.Status.COMPLETE : EnrichmentStore.Status.GAPS;
    Instant next = now.plus(backoff(runs));
    if (run.retryAt().isPresent() && run.retryAt().get().isAfter(next)) {
      next = run.retryAt().get();
    }
    return new EnrichmentStore.Result(run.lead(), enriched.fieldsChanged(), enriched.minimiseIp(),
        enriched.minimisedIp(), status, run.gaps(), runs, firstRunAt, next);
  }

  /** A run that overran its budget by far: kept as it was, with every provider a gap. */
  private EnrichmentStore.Result abandoned(Lead lead, int runs, Instant firstRunAt) {
    Map<String, String> gaps = new LinkedHashMap<>();
    providers.names().forEach(name -> gaps.put(name, ProviderOutcome.SkipReason.NO_TIME_LEFT.id()));
    return new EnrichmentStore.Result(lead, false, false, Optional.empty(), EnrichmentStore.Status.GAPS, gaps, runs,
        firstRunAt, clock.instant().plus(backoff(runs)));
  }

  /** The wait before the next try of a lead's gaps: the job's interval, doubling per run, at most a day. */
  private Duration backoff(int runs) {
    Duration wait = config.reEnrichEvery().multipliedBy(1L << Math.min(runs - 1, 20));
    return wait.compareTo(LONGEST_GAP_WAIT) > 0 ? LONGEST_GAP_WAIT : wait;
  }

  private <T> List<EnrichmentStore.Result> inParallel(List<T> items, Function<T, EnrichmentStore.Result> work,
      Function<T, EnrichmentStore.Result> onOverrun) {
    List<Future<EnrichmentStore.Result>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      futures.add(workers.submit(() -> work.apply(item)));
    }
    long waitUntil = System.nanoTime() + longestRun(items.size()).toNanos();
    List<EnrichmentStore.Result> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Future<EnrichmentStore.Result> future = futures.get(i);
      try {
        results.add(future.get(Math.max(0, waitUntil - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        future.cancel(true);
        LOG.warn("event=enrichment.overrun budget_ms={}", config.timeBudget().toMillis());
        results.add(onOverrun.apply(items.get(i)));
      } catch (ExecutionException e) {
        LOG.warn("event=enrichment.failed error={}", e.getCause().getClass().getName());
        results.add(onOverrun.apply(items.get(i)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(f -> f.cancel(true));
        throw new IllegalStateException("interrupted while enriching", e);
      }
    }
    return results;
  }

  /** What health shows: each provider (region, circuit, budget, cache) and the leads by enrichment state. */
  public Map<String, Object> health() {
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("providers", providers.health());
    try {
      health.put("leads", store.counts());
    } catch (SQLException e) {
      health.put("leads", "unavailable");
    }
    return health;
  }

  @Override
  public void close() {
    reEnrichment.close();
    workers.shutdownNow();
    providers.close();
  }
}
