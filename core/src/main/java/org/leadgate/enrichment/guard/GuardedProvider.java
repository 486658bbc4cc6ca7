package org.leadgate.enrichment.guard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderOutcome;
import org.leadgate.enrichment.ProviderOutcome.Answered;
import org.leadgate.enrichment.ProviderOutcome.SkipReason;
import org.leadgate.enrichment.ProviderOutcome.Skipped;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.ProviderResult.Failed;
import org.leadgate.enrichment.ProviderResult.Found;
import org.leadgate.enrichment.ProviderResult.NoMatch;
import org.leadgate.enrichment.UsageStore;
import org.leadgate.lead.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider behind its guard. A lookup is answered from the cache when it can be; otherwise, while the lead has
 * time left, the circuit breaker permits a call and the call budget is not spent, the provider is called, and a
 * transient failure is retried after a backoff or the provider's {@code Retry-After}. Found and no-match answers are
 * cached, failures never. Thread-safe.
 */
public final class GuardedProvider {
  /** A call is made only with at least this much of the lead's time left. */
  public static final Duration MIN_CALL_TIME = Duration.ofMillis(50);

  private static final Logger LOG = LoggerFactory.getLogger(GuardedProvider.class);

  private final String name;
  private final String type;
  private final EnrichmentProvider delegate;
  private final ProviderPolicy policy;
  private final Clock clock;
  private final Waiter waiter;
  private final CallBudget budget;
  private final Cache<LookupQuery, ProviderResult> cache;
  /** Lookups under way, so that a second lead asking the same waits for the first one's answer. */
  private final ConcurrentHashMap<LookupQuery, CompletableFuture<ProviderOutcome>> inFlight;
  private final CircuitBreaker breaker;
  private volatile Instant openUntil = Instant.MIN;

  /** A guard that sleeps before retries. */
  public GuardedProvider(String name, String type, EnrichmentProvider delegate, ProviderPolicy policy, Clock clock,
      UsageStore usage) {
    this(name, type, delegate, policy, clock, usage, Waiter.sleeping());
  }

  public GuardedProvider(String name, String type, EnrichmentProvider delegate, ProviderPolicy policy, Clock clock,
      UsageStore usage, Waiter waiter) {
    this.name = name;
    this.type = type;
    this.delegate = delegate;
    this.policy = policy;
    this.clock = clock;
    this.waiter = waiter;
    this.budget = new CallBudget(name, policy.budget(), usage, clock);
    this.inFlight = new ConcurrentHashMap<>();
    this.cache = cache(policy.cache(), clock);
    this.breaker = CircuitBreaker.of(name, breakerConfig(policy.circuitBreaker(), clock));
    breaker.getEventPublisher().onStateTransition(event -> {
      CircuitBreaker.State state = event.getStateTransition().getToState();
      if (state == CircuitBreaker.State.OPEN) {
        openUntil = clock.instant().plus(policy.circuitBreaker().openFor());
      }
      LOG.info("event=enrichment.circuit provider={} state={}", name, state);
    });
  }

  private static Cache<LookupQuery, ProviderResult> cache(ProviderPolicy.Caching caching, Clock clock) {
    return Caffeine.newBuilder()
        .maximumSize(caching.maxSize())
        .expireAfter(Expiry.writing((LookupQuery query, ProviderResult result) ->
            result instanceof Found ? caching.ttl() : caching.negativeTtl()))
        .ticker(() -> {
          Instant now = clock.instant();
          return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        })
        .recordStats()
        // upkeep (eviction, expiry) runs on the reading thread: a few microseconds, no hand-off to another pool
        .executor(Runnable::run)
        .build();
  }

  private static CircuitBreakerConfig breakerConfig(ProviderPolicy.Breaker breaker, Clock clock) {
    return CircuitBreakerConfig.custom()
        .failureRateThreshold(breaker.failureRate())
        .slowCallDurationThreshold(breaker.slowCall())
        .slowCallRateThreshold(breaker.slowCallRate())
        .slidingWindow(breaker.window(), breaker.minimumCalls(), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .waitDurationInOpenState(breaker.openFor())
        .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .recordResult(result -> result instanceof Failed)
        .clock(clock)
        .build();
  }

  public String name() {
    return name;
  }

  /** The kind of source the provider's values are. */
  public Provenance.Source source() {
    return delegate.source();
  }

  /** What the provider would look up for this input. */
  public Optional<LookupQuery> query(EnrichmentInput input) {
    return delegate.query(input);
  }

  /**
   * Looks the query up within {@code timeLeft}, the lead's remaining time. A retry that is not permitted (circuit
   * open, budget spent, no time left) ends the lookup with the failure before it, whose {@code retryAfter} tells a
   * later re-enrichment when to come back.
   */
  public ProviderOutcome lookup(LookupQuery query, Duration timeLeft) {
    ProviderResult cached = cache.getIfPresent(query);
    if (cached != null) {
      return new Answered(cached, true);
    }
    CompletableFuture<ProviderOutcome> mine = new CompletableFuture<>();
    CompletableFuture<ProviderOutcome> running = inFlight.putIfAbsent(query, mine);
    if (running != null) {
      return joined(running, timeLeft);
    }
    try {
      ProviderOutcome outcome = withRetries(query, clock.instant().plus(timeLeft));
      if (outcome instanceof Answered answered && !(answered.result() instanceof Failed)) {
        cache.put(query, answered.result());
      }
      mine.complete(outcome);
      return outcome;
    } finally {
      inFlight.remove(query, mine);
      mine.complete(new Skipped(SkipReason.NO_TIME_LEFT));
    }
  }

  /**
   * The answer of the same lookup that another lead started a moment ago (two leads of one company in one batch ask
   * once), waited for within this lead's time.
   */
  private static ProviderOutcome joined(CompletableFuture<ProviderOutcome> running, Duration timeLeft) {
    try {
      ProviderOutcome outcome = running.get(Math.max(0, timeLeft.toMillis()), TimeUnit.MILLISECONDS);
      return outcome instanceof Answered answered && !(answered.result() instanceof Failed)
          ? new Answered(answered.result(), true) : outcome;
    } catch (TimeoutException e) {
      return new Skipped(SkipReason.NO_TIME_LEFT);
    } catch (ExecutionException e) {
      return new Answered(new Failed(ProviderResult.Kind.BAD_RESPONSE, "the shared lookup failed"), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Skipped(SkipReason.NO_TIME_LEFT);
    }
  }

  private ProviderOutcome withRetries(LookupQuery query, Instant deadline) {
    ProviderOutcome outcome = attempt(query, deadline);
    for (int retry = 1; retry < policy.retry().attempts(); retry++) {
      if (!(outcome instanceof Answered answered && answered.result() instanceof Failed failed
          && failed.kind() == ProviderResult.Kind.TRANSIENT)) {
        return outcome;
      }
      Optional<Duration> pause = pauseBefore(retry, failed, deadline);
      if (pause.isEmpty() || !waited(pause.get())) {
        return outcome;
      }
      ProviderOutcome next = attempt(query, deadline);
      if (next instanceof Skipped) {
        return outcome;
      }
      outcome = next;
    }
    return outcome;
  }

  private ProviderOutcome attempt(LookupQuery query, Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.compareTo(MIN_CALL_TIME) < 0) {
      return new Skipped(SkipReason.NO_TIME_LEFT);
    }
    if (!breaker.tryAcquirePermission()) {
      return new Skipped(SkipReason.CIRCUIT_OPEN);
    }
    if (!withinBudget()) {
      return new Skipped(SkipReason.BUDGET_SPENT);
    }
    Instant start = clock.instant();
    ProviderResult result = accepted(call(query, left.compareTo(policy.timeout()) < 0 ? left : policy.timeout()));
    breaker.onResult(Duration.between(start, clock.instant()).toNanos(), TimeUnit.NANOSECONDS, result);
    if (result instanceof Failed failed) {
      LOG.info("event=enrichment.provider_failed provider={} kind={}", name, failed.kind());
    }
    return new Answered(result, false);
  }

  /** Counts the call against the budget, giving the breaker's permission back when it may not be made. */
  private boolean withinBudget() {
    boolean counted = false;
    try {
      counted = budget.tryCount();
      return counted;
    } finally {
      if (!counted) {
        breaker.releasePermission();
      }
    }
  }

  private ProviderResult call(LookupQuery query, Duration timeout) {
    try {
      ProviderResult result = delegate.lookup(query, timeout);
      return result != null ? result : new Failed(ProviderResult.Kind.BAD_RESPONSE, "the provider answered nothing");
    } catch (RuntimeException e) {
      LOG.warn("event=enrichment.provider_error provider={} error={}", name, e.getClass().getName());
      return new Failed(ProviderResult.Kind.BAD_RESPONSE, "the provider threw " + e.getClass().getName());
    }
  }

  /** A found result less likely than the policy's minimum counts as no match. */
  private ProviderResult accepted(ProviderResult result) {
    return result instanceof Found found && found.likelihood().orElse(1) < policy.minLikelihood()
        ? new NoMatch()
        : result;
  }

  /**
   * How long to wait before the {@code retry}-th retry: the provider's {@code Retry-After} if it is at most
   * {@code maxWait}, else the backoff; empty when the wait would not leave time for the call.
   */
  private Optional<Duration> pauseBefore(int retry, Failed failed, Instant deadline) {
    ProviderPolicy.Retries retries = policy.retry();
    Duration backoff = retries.backoff().multipliedBy(1L << (retry - 1));
    Duration pause = failed.retryAfter().orElse(backoff.compareTo(retries.maxWait()) < 0 ? backoff : retries.maxWait());
    boolean fits = !clock.instant().plus(pause).plus(MIN_CALL_TIME).isAfter(deadline);
    return pause.compareTo(retries.maxWait()) <= 0 && fits ? Optional.of(pause) : Optional.empty();
  }

  private boolean waited(Duration pause) {
    try {
      if (pause.compareTo(Duration.ZERO) > 0) {
        waiter.waitFor(pause);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** False while the circuit is open or the call budget is spent: a re-enrichment should not try this provider. */
  public boolean available() {
    boolean open = breaker.getState() == CircuitBreaker.State.OPEN && !clock.instant().isAfter(openUntil);
    return !open && !budget.spent();
  }

  /** The guard's figures and the provider's own ({@code provider}); never a query value. */
  public Map<String, Object> health() {
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("name", name);
    health.put("type", type);
    health.put("region", policy.region().id());
    health.put("circuit", breaker.getState().name());
    health.put("cache", Map.of("size", cache.estimatedSize(), "hitRate", cache.stats().hitRate()));
    health.put("budget", budget.health());
    health.put("provider", delegate.health());
    return health;
  }
}
