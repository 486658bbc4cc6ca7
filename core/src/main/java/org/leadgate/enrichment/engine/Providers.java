package org.leadgate.enrichment.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.leadgate.config.EnrichmentConfig;
import org.leadgate.config.GatewayConfig;
import org.leadgate.enrichment.EnrichmentContext;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.EnrichmentProviderFactory;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderOutcome;
import org.leadgate.enrichment.Region;
import org.leadgate.enrichment.UsageStore;
import org.leadgate.enrichment.guard.GuardedProvider;
import org.leadgate.enrichment.guard.ProviderPolicy;
import org.leadgate.lead.Provenance;
import org.leadgate.spi.Plugins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured providers, built once through their factories: local ones (databases) are asked directly, remote
 * ones behind a {@link GuardedProvider} (cache, call budget, circuit breaker, retry). They share one OkHttp client
 * whose per-host limit matches the enrichment concurrency.
 */
final class Providers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Providers.class);

  private final Map<String, ProviderStep> steps;
  private final List<EnrichmentProvider> built;
  private final OkHttpClient http;

  private Providers(Map<String, ProviderStep> steps, List<EnrichmentProvider> built, OkHttpClient http) {
    this.steps = steps;
    this.built = built;
    this.http = http;
  }

  static Providers create(GatewayConfig config, ClassLoader plugins, UsageStore usage, Clock clock) {
    EnrichmentConfig enrichment = config.enrichment();
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(Math.max(64, enrichment.concurrency() * 4));
    dispatcher.setMaxRequestsPerHost(enrichment.concurrency());
    OkHttpClient http = new OkHttpClient.Builder().dispatcher(dispatcher).build();
    Plugins<EnrichmentProviderFactory> factories = Plugins.load(EnrichmentProviderFactory.class,
        EnrichmentProviderFactory::id, "enrichment provider", plugins);
    Map<String, ProviderStep> steps = new LinkedHashMap<>();
    List<EnrichmentProvider> built = new ArrayList<>();
    try {
      for (int i = 0; i < enrichment.providers().size(); i++) {
        EnrichmentConfig.Provider entry = enrichment.providers().get(i);
        EnrichmentProviderFactory factory = factories.require(entry.type(), entry.node().keyPath("type"));
        ProviderPolicy policy = ProviderPolicy.from(entry.node(), factory.defaultRegion());
        EnrichmentProvider provider = factory.create(new EnrichmentContext(entry.name(),
            entry.node().section("settings"), config.dataDirectory(), clock, http));
        built.add(provider);
        steps.put(entry.name(), provider.remote()
            ? guarded(new GuardedProvider(entry.name(), entry.type(), provider, policy, clock, usage))
            : local(entry.name(), entry.type(), policy.region(), provider));
        LOG.info("event=enrichment.provider name={} type={} region={} remote={}", entry.name(), entry.type(),
            policy.region().id(), provider.remote());
      }
    } catch (RuntimeException e) {
      built.forEach(EnrichmentProvider::close);
      shutdown(http);
      throw e;
    }
    return new Providers(steps, built, http);
  }

  /** Providers given as steps (tests of the engine). */
  static Providers of(List<ProviderStep> steps) {
    Map<String, ProviderStep> byName = new LinkedHashMap<>();
    steps.forEach(step -> byName.put(step.name(), step));
    return new Providers(byName, List.of(), new OkHttpClient());
  }

  ProviderStep step(String name) {
    ProviderStep step = steps.get(name);
    if (step == null) {
      throw new IllegalArgumentException("no provider named " + name);
    }
    return step;
  }

  List<String> names() {
    return List.copyOf(steps.keySet());
  }

  /** Whether any of the named providers may be asked again (a provider no longer configured is not). */
  boolean anyAvailable(java.util.Collection<String> names) {
    return names.stream().map(steps::get).anyMatch(step -> step != null && step.available());
  }

  Map<String, Object> health() {
    Map<String, Object> health = new LinkedHashMap<>();
    steps.forEach((name, step) -> health.put(name, step.health()));
    return health;
  }

  static ProviderStep guarded(GuardedProvider guard) {
    return new ProviderStep() {
      @Override
      public String name() {
        return guard.name();
      }

      @Override
      public Provenance.Source source() {
        return guard.source();
      }

      @Override
      public Optional<LookupQuery> query(EnrichmentInput input) {
        return guard.query(input);
      }

      @Override
      public ProviderOutcome lookup(LookupQuery query, Duration timeLeft) {
        return guard.lookup(query, timeLeft);
      }

      @Override
      public boolean available() {
        return guard.available();
      }

      @Override
      public Map<String, Object> health() {
        return guard.health();
      }
    };
  }

  /** A local provider: no cache, budget or breaker; it answers within the lead's time left. */
  static ProviderStep local(String name, String type, Region region, EnrichmentProvider provider) {
    return new ProviderStep() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Provenance.Source source() {
        return provider.source();
      }

      @Override
      public Optional<LookupQuery> query(EnrichmentInput input) {
        return provider.query(input);
      }

      @Override
      public ProviderOutcome lookup(LookupQuery query, Duration timeLeft) {
        return new ProviderOutcome.Answered(provider.lookup(query, timeLeft), false);
      }

      @Override
      public boolean available() {
        return true;
      }

      @Override
      public Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("name", name);
        health.put("type", type);
        health.put("region", region.id());
        health.put("provider", provider.health());
        return health;
      }
    };
  }

  @Override
  public void close() {
    built.forEach(EnrichmentProvider::close);
    shutdown(http);
  }

  private static void shutdown(OkHttpClient http) {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
