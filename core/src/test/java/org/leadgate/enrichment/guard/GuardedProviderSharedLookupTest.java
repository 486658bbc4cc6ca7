package org.leadgate.enrichment.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leadgate.enrichment.guard.GuardFixture.ACME;
import static org.leadgate.enrichment.guard.GuardFixture.PLENTY;
import static org.leadgate.enrichment.guard.GuardFixture.QUERY;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderOutcome;
import org.leadgate.enrichment.ProviderOutcome.Answered;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.Region;
import org.leadgate.testing.InMemoryUsageStore;
import org.leadgate.testing.MutableClock;

/** Two leads of one company enriched at the same moment: the provider is asked once. */
class GuardedProviderSharedLookupTest {
  private final CountDownLatch asked = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger calls = new AtomicInteger();

  private final EnrichmentProvider slow = new EnrichmentProvider() {
    @Override
    public Optional<LookupQuery> query(EnrichmentInput input) {
      return Optional.of(QUERY);
    }

    @Override
    public ProviderResult lookup(LookupQuery query, Duration timeout) {
      calls.incrementAndGet();
      asked.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ACME;
    }
  };

  private final GuardedProvider guard = new GuardedProvider("pdl", "people-data-labs", slow,
      ProviderPolicy.from(GuardFixture.entry("timeout: 10s"), Region.THIRD_COUNTRY),
      new MutableClock(java.time.Instant.parse("2026-11-23T10:00:00Z")), new InMemoryUsageStore());

  @Test
  void a_second_lead_asking_while_the_first_lookup_runs_waits_for_its_answer_instead_of_calling_again()
      throws Exception {
    CompletableFuture<ProviderOutcome> first = CompletableFuture.supplyAsync(() -> guard.lookup(QUERY, PLENTY));
    asked.await(10, TimeUnit.SECONDS);
    CompletableFuture<ProviderOutcome> second = new CompletableFuture<>();
    Thread waiter = new Thread(() -> second.complete(guard.lookup(QUERY, PLENTY)));
    waiter.start();
    while (waiter.getState() != Thread.State.TIMED_WAITING && !second.isDone()) {
      Thread.onSpinWait(); // until the second lookup waits on the first one's answer
    }
    assertEquals(1, calls.get(), "the second lookup waits without calling");
    release.countDown();

    assertEquals(new Answered(ACME, false), first.get(10, TimeUnit.SECONDS));
    assertEquals(new Answered(ACME, true), second.get(10, TimeUnit.SECONDS));
    assertEquals(1, calls.get());
  }

  @Test
  void a_lead_that_cannot_wait_for_the_shared_lookup_leaves_a_gap() throws Exception {
    CompletableFuture<ProviderOutcome> first = CompletableFuture.supplyAsync(() -> guard.lookup(QUERY, PLENTY));
    asked.await(10, TimeUnit.SECONDS);

    ProviderOutcome impatient = guard.lookup(QUERY, Duration.ofMillis(20));

    assertEquals(new ProviderOutcome.Skipped(ProviderOutcome.SkipReason.NO_TIME_LEFT), impatient);
    release.countDown();
    assertEquals(new Answered(ACME, false), first.get(10, TimeUnit.SECONDS));
    assertEquals(1, calls.get());
  }
}
