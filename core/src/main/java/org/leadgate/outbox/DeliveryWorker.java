package org.leadgate.outbox;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leadgate.config.DeliveryConfig;
import org.leadgate.lead.FieldValue;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.storage.DeliveryLog;
import org.leadgate.storage.LeadStore;
import org.leadgate.work.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes due leads from the durable outbox and hands them to the CRM: retried with backoff on passing failures,
 * dead-lettered when the CRM refuses a lead or the attempts run out, marked delivered only after the CRM
 * acknowledged it. Because the outbox is the database, a restart resumes where the last run stopped.
 */
public final class DeliveryWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
  /** Leads per round at least; adapters that take larger batches (bulk APIs) get rounds of their batch limit. */
  private static final int ROUND = 200;
  /** The longest an adapter's {@code Retry-After} or deferral holds a lead back before it is tried again. */
  static final Duration LONGEST_WAIT = Duration.ofDays(1);

  /** The largest batch an adapter may take. */
  public static final int MAX_BATCH = 10_000;
  /** Shorter field values are not masked in errors: they would match too much (and identify no one). */
  private static final int MIN_MASKED_LENGTH = 3;

  /** Runs one delivery attempt of a lead through the delivery pipeline. */
  @FunctionalInterface
  public interface Attempt {
    DeliveryResult deliver(LeadStore.PendingDelivery pending, int attempt);
  }

  /** One attempt at a lead: {@code number} is 1 for the first. */
  public record Try(LeadStore.PendingDelivery pending, int number) {}

  /**
   * Runs one attempt at each lead of a batch through the delivery pipeline, answering one result per lead in the
   * same order.
   */
  @FunctionalInterface
  public interface BatchAttempt {
    List<DeliveryResult> deliver(List<Try> batch);

    /** Attempts the leads one by one. */
    static BatchAttempt oneByOne(Attempt attempt) {
      return batch -> batch.stream().map(t -> attempt.deliver(t.pending(), t.number())).toList();
    }
  }

  /**
   * How the worker groups attempts: up to {@code limit} leads per {@link BatchAttempt} call, and fresh first attempts
   * held back up to {@code linger} while fewer than {@code limit} are due, so that batches fill.
   */
  public record Batching(int limit, Duration linger) {
    public static final Batching NONE = new Batching(1, Duration.ZERO);

    public Batching {
      if (limit < 1 || limit > MAX_BATCH) {
        throw new IllegalArgumentException("batch limit must be 1.." + MAX_BATCH + " but was " + limit);
      }
      if (linger.isNegative()) {
        throw new IllegalArgumentException("linger must not be negative");
      }
    }
  }

  /**
   * Work on the due leads before their attempts, such as enrichment. It looks at them once, before they are claimed,
   * to say how long it may take (claims last that much longer so that they do not run out under it), and then runs
   * on the leads this worker claimed, under the claim, so no other worker touches them meanwhile.
   */
  @FunctionalInterface
  public interface Preparation {
    Plan plan(List<LeadStore.PendingDelivery> due) throws SQLException;

    /** The preparation of one round's due leads. */
    interface Plan {
      /** The longest {@link #prepare} may take. */
      Duration allowance();

      /**
       * Answers the leads to deliver, in the same order, possibly changed; a lead left out must have been taken out
       * of the outbox by the preparation (merged into another), since the round records nothing for it.
       */
      List<LeadStore.PendingDelivery> prepare(List<LeadStore.PendingDelivery> claimed) throws SQLException;
    }

    /**
     * This preparation, then {@code next} on the leads it answers: the allowances add up, and the leads either
     * drops (for example merged into another lead) are not attempted.
     */
    default Preparation andThen(Preparation next) {
      return due -> {
        Plan first = plan(due);
        Plan second = next.plan(due);
        return new Plan() {
          @Override
          public Duration allowance() {
            return first.allowance().plus(second.allowance());
          }

          @Override
          public List<LeadStore.PendingDelivery> prepare(List<LeadStore.PendingDelivery> claimed)
              throws SQLException {
            return second.prepare(first.prepare(claimed));
          }
        };
      };
    }

    Preparation NONE = due -> new Plan() {
      @Override
      public Duration allowance() {
        return Duration.ZERO;
      }

      @Override
      public List<LeadStore.PendingDelivery> prepare(List<LeadStore.PendingDelivery> claimed) {
        return claimed;
      }
    };
  }

  private final LeadStore store;
  private final Preparation preparation;
  private final BatchAttempt attempt;
  private final Batching batching;
  private final DeliveryConfig config;
  private final Backoff backoff;
  private final Clock clock;
  private final PollingLoop loop;

  /** A worker that attempts leads one by one, with no preparation. */
  public DeliveryWorker(LeadStore store, Attempt attempt, DeliveryConfig config, Backoff backoff, Clock clock) {
    this(store, Preparation.NONE, BatchAttempt.oneByOne(attempt), Batching.NONE, config, backoff, clock);
  }

  public DeliveryWorker(LeadStore store, Preparation preparation, BatchAttempt attempt, Batching batching,
      DeliveryConfig config, Backoff backoff, Clock clock) {
    this.store = store;
    this.preparation = preparation;
    this.attempt = attempt;
    this.batching = batching;
    this.config = config;
    this.backoff = backoff;
    this.clock = clock;
    this.loop = new PollingLoop("leadgate-delivery", config.pollInterval(), Duration.ofSeconds(30), this::runOnce,
        e -> LOG.warn("event=delivery.poll_failed error=\"{}\"", e.getMessage()));
  }

  /** Starts the background thread that delivers until {@link #close()}. */
  public void start() {
    loop.start();
  }

  /** Makes the background thread look for due leads now instead of at its next poll. */
  public void wake() {
    loop.wake();
  }

  /**
   * Makes one attempt at each lead due now (up to a round of {@value #ROUND}, or of the batch limit when that is
   * larger) and returns how many were handed to the CRM adapter (including those it deferred).
   * Claims and results are written in one transaction each per round, and a lead is marked delivered only after the
   * CRM acknowledged it; a crash in between means the lead is offered again (with the same idempotency key). Claimed
   * leads are prepared first (enriched), within the preparation's allowance, which lengthens the lease, and then
   * handed over in batches of the batching limit. A round that has used half the claim lease after that, or is
   * interrupted by {@link #close()}, stops and hands its remaining leads back, so that no attempt starts on a lease
   * that may run out under it and a restart need not wait for leases to end. While fewer leads than a batch are due
   * and all are fresh first attempts younger than the linger time, the round waits for more.
   */
  public int runOnce() throws SQLException {
    List<LeadStore.PendingDelivery> due = store.due(clock.instant(), Math.max(ROUND, batching.limit()));
    if (due.isEmpty() || lingering(due)) {
      return 0;
    }
    Preparation.Plan plan = preparation.plan(due);
    Duration allowance = plan.allowance();
    Instant claimedAt = clock.instant();
    Instant stopAt = claimedAt.plus(allowance).plus(config.claimLease().dividedBy(2));
    Set<String> claimed = new HashSet<>(store.claim(due.stream().map(d -> d.lead().id()).toList(), claimedAt,
        claimedAt.plus(allowance).plus(config.claimLease())));
    List<LeadStore.PendingDelivery> ready = prepare(plan,
        due.stream().filter(pending -> claimed.contains(pending.lead().id())).toList());
    List<LeadStore.AttemptResult> results = new ArrayList<>(ready.size());
    int attempted = 0;
    for (int from = 0; from < ready.size(); from += batching.limit()) {
      List<Try> batch = ready.subList(from, Math.min(ready.size(), from + batching.limit())).stream()
          .map(pending -> new Try(pending, pending.attempts() + 1)).toList();
      if (clock.instant().isAfter(stopAt) || loop.closing()) {
        batch.forEach(t -> results.add(
            new LeadStore.AttemptResult.Released(t.pending().lead().id(), t.pending().revision())));
        continue;
      }
      Instant started = clock.instant();
      List<DeliveryResult> answers = attemptGuarded(batch);
      Duration latency = Duration.between(started, clock.instant());
      for (int i = 0; i < batch.size(); i++) {
        results.add(result(batch.get(i), answers.get(i), latency));
      }
      attempted += batch.size();
    }
    store.record(results, clock.instant());
    return attempted;
  }

  private boolean lingering(List<LeadStore.PendingDelivery> due) {
    if (batching.linger().isZero() || due.size() >= batching.limit()) {
      return false;
    }
    Instant now = clock.instant();
    return due.stream().allMatch(pending -> pending.attempts() == 0 && pending.revision() == 0
        && pending.lead().receivedAt().plus(batching.linger()).isAfter(now));
  }

  /** Runs the preparation; if it fails, the claimed leads are handed back at once before the failure goes on. */
  private List<LeadStore.PendingDelivery> prepare(Preparation.Plan plan, List<LeadStore.PendingDelivery> claimed)
      throws SQLException {
    try {
      return plan.prepare(claimed);
    } catch (SQLException | RuntimeException e) {
      store.record(claimed.stream()
          .<LeadStore.AttemptResult>map(p -> new LeadStore.AttemptResult.Released(p.lead().id(), p.revision()))
          .toList(), clock.instant());
      throw e;
    }
  }

  /** One answer per lead of the batch; a pipeline that throws or miscounts makes the whole batch a passing failure. */
  private List<DeliveryResult> attemptGuarded(List<Try> batch) {
    List<DeliveryResult> answers;
    try {
      answers = attempt.deliver(batch);
    } catch (RuntimeException e) {
      LOG.warn("event=delivery.pipeline_error leads={} error={}", batch.size(), e.getClass().getName());
      return Collections.nCopies(batch.size(),
          DeliveryResult.retry("the delivery pipeline failed unexpectedly: " + e.getClass().getName()));
    }
    if (answers.size() != batch.size()) {
      return Collections.nCopies(batch.size(), DeliveryResult.retry("the delivery pipeline miscounted its answers"));
    }
    return answers;
  }

  /** The attempt's result for the outbox and the delivery log; errors with the lead's own values masked. */
  private LeadStore.AttemptResult result(Try t, DeliveryResult result, Duration latency) {
    String leadId = t.pending().lead().id();
    int revision = t.pending().revision();
    int number = t.number();
    DeliveryLog.Call call = new DeliveryLog.Call(result.httpStatus(), latency);
    if (result instanceof DeliveryResult.Delivered delivered) {
      LOG.debug("event=delivery.delivered lead={} attempt={}", leadId, number);
      return new LeadStore.AttemptResult.Delivered(leadId, revision, number, delivered.crmRecordId(), call);
    }
    if (result instanceof DeliveryResult.Deferred deferred) {
      // at least a poll interval, so that a lead held back is not handed over again and again in one instant
      Duration wait = bounded(deferred.retryAfter().compareTo(config.pollInterval()) < 0
          ? config.pollInterval() : deferred.retryAfter());
      LOG.debug("event=delivery.deferred lead={} wait_ms={}", leadId, wait.toMillis());
      return new LeadStore.AttemptResult.Deferred(leadId, revision, clock.instant().plus(wait),
          masked(deferred.reason(), t));
    }
    if (result instanceof DeliveryResult.Rejected rejected) {
      LOG.warn("event=delivery.dead lead={} attempt={} cause=rejected", leadId, number);
      return new LeadStore.AttemptResult.Dead(leadId, revision, number, masked(rejected.reason(), t), call);
    }
    DeliveryResult.Retry retry = (DeliveryResult.Retry) result;
    if (number >= config.maxAttempts()) {
      LOG.warn("event=delivery.dead lead={} attempt={} cause=attempts_exhausted", leadId, number);
      return new LeadStore.AttemptResult.Dead(leadId, revision, number,
          "gave up after " + number + " attempts: " + masked(retry.reason(), t), call);
    }
    Duration wait = backoff.after(number);
    if (retry.retryAfter().isPresent() && retry.retryAfter().get().compareTo(wait) > 0) {
      wait = bounded(retry.retryAfter().get());
    }
    LOG.info("event=delivery.retry lead={} attempt={} wait_ms={}", leadId, number, wait.toMillis());
    return new LeadStore.AttemptResult.Retry(leadId, revision, number, clock.instant().plus(wait),
        masked(retry.reason(), t), call);
  }

  /** A wait the adapter asked for, at most {@link #LONGEST_WAIT}. */
  private static Duration bounded(Duration wait) {
    return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
  }

  /**
   * The reason with each of the lead's field values (as delivered, and as typed) of {@value #MIN_MASKED_LENGTH} or
   * more characters, standing alone, replaced by {@code <field name>}, ignoring case: a CRM that echoes what it
   * refused must not put personal data into the outbox's last error or the delivery log.
   */
  private static String masked(String reason, Try t) {
    String text = reason;
    for (Map.Entry<String, FieldValue> field : t.pending().lead().fields().entrySet()) {
      text = masked(text, field.getValue().value(), field.getKey());
      text = masked(text, field.getValue().typed().orElse(""), field.getKey());
    }
    return text;
  }

  private static String masked(String text, String value, String field) {
    String needle = value.strip();
    if (needle.length() < MIN_MASKED_LENGTH) {
      return text;
    }
    // not inside a longer word or number: "Ada" is masked, "Canada" is not
    return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(needle) + "(?![\\p{L}\\p{N}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text)
        .replaceAll(Matcher.quoteReplacement("<" + field + ">"));
  }

  @Override
  public void close() {
    loop.close();
  }
}
