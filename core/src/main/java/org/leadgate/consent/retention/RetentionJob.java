package org.leadgate.consent.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.leadgate.config.ConsentConfig;
import org.leadgate.config.PurposeConfig;
import org.leadgate.consent.Action;
import org.leadgate.consent.Actor;
import org.leadgate.consent.Channel;
import org.leadgate.consent.ConfirmationRequests;
import org.leadgate.consent.ConsentState;
import org.leadgate.consent.ConsentStates;
import org.leadgate.consent.ConsentStatus;
import org.leadgate.consent.ConsentStore;
import org.leadgate.consent.Evidence;
import org.leadgate.consent.LegalBasis;
import org.leadgate.consent.ledger.ConsentEvent;
import org.leadgate.consent.ledger.Ledger;
import org.leadgate.consent.ledger.NewConsentEvent;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consent retention job, run daily (and on demand with {@link #runOnce()}), always on the injected clock:
 *
 * <ol>
 *   <li>deletes double opt-in requests that were never confirmed, once they are older than
 *       {@code consent.retention.unconfirmedRequests} and their link has expired (law.md 16);
 *   <li>marks consent that was not used, confirmed or granted for {@code consent.retention.staleAfter} stale, once:
 *       a {@code stale} event by {@code system:retention}; the consent still permits, and whether it is stale is
 *       derived from its last activity, not from the event. Email consent by double opt-in gets one re-permission
 *       mail, whose link (a confirmation like the double opt-in's) works until the consent would be blocked; its
 *       confirmation renews the consent. Phone and other consents are only flagged (law.md 24);
 *   <li>blocks consent not renewed for {@code consent.retention.blockAfter}: an {@code expired} event, never a
 *       re-permission mail after it (law.md 24);
 *   <li>in both cases delivers the subject's leads again, so the CRM learns at once;
 *   <li>destroys the proof key of a subject ({@link Ledger#shred}) once all its consents have ended and the proof
 *       of them need no longer be kept (law.md 17: 3 years after the end of the year of the end or last use, and
 *       5 years after the grant or last use for phone), and of an erased subject ({@code subject_keys.erased_at})
 *       once its proof retention has passed (law.md 19). An unconfirmed request that lapsed (older than
 *       {@code unconfirmedRequests}) counts as no consent: its sign-up evidence in the ledger goes with the key
 *       (law.md 16). An erased subject's consents are neither marked stale nor blocked (that would prolong keeping
 *       its proof); one that still permits when its proof is destroyed is marked expired in the same transaction,
 *       since it can no longer be proven.
 * </ol>
 *
 * <p>Subjects are read in pages and changed one per transaction; each change takes the ledger head's lock and
 * decides again on what is committed then, so a consent that is confirmed, used or granted meanwhile is never
 * marked stale, blocked or shredded. The chain itself is never touched: after shredding it still verifies. Logs
 * carry counts only, never addresses or subject keys.
 */
public final class RetentionJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

  /** Who appends the {@code stale} and {@code expired} events. */
  public static final Actor ACTOR = Actor.system("retention");
  /** How long after {@link #start()} the first run starts. */
  public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMinutes(1);
  /** How often it runs. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofDays(1);
  private static final int PAGE = 500;
  private static final int PHONE_PROOF_YEARS = 5;
  private static final int CIVIL_PROOF_YEARS = 3;
  /** What a re-permission takes over from the confirmation it renews: whose consent, from which form and wording. */
  private static final List<String> RENEWED_EVIDENCE = List.of(Evidence.ADDRESS, Evidence.FORM_ID,
      Evidence.FORM_VERSION, Evidence.WORDING_ID, Evidence.WORDING_SHA256);
  private static final String EVENT_COLUMNS = "seq, id, occurred_at, subject_key, channel, purpose, action,"
      + " legal_basis, actor, lead_id, prev_hash, hash";

  private final Transactions transactions;
  private final Ledger ledger;
  private final ConsentConfig config;
  private final Clock clock;
  private final LeadStore leads;
  private final Runnable onChange;
  private final Object runLock = new Object();
  private ScheduledExecutorService scheduler;
  private volatile boolean closed;

  /**
   * @param transactions the gateway's transactions (on SQLite they queue the job behind intake, one subject at a
   *     time)
   * @param ledger the gateway's ledger
   * @param leads the gateway's lead store: leads of a subject whose consent turned stale or was blocked are queued
   *     for delivery again
   * @param onChange called after a run that queued leads (wakes the delivery worker)
   */
  public RetentionJob(Transactions transactions, Ledger ledger, ConsentConfig config, Clock clock, LeadStore leads,
      Runnable onChange) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.leads = Objects.requireNonNull(leads, "leads");
    this.onChange = Objects.requireNonNull(onChange, "onChange");
  }

  /** Runs daily on a daemon thread, the first time {@link #DEFAULT_INITIAL_DELAY} from now. */
  public void start() {
    start(DEFAULT_INITIAL_DELAY, DEFAULT_INTERVAL);
  }

  /** Runs every {@code interval} (measured from the end of a run) on a daemon thread, first after the delay. */
  public synchronized void start(Duration initialDelay, Duration interval) {
    if (scheduler != null) {
      throw new IllegalStateException("the retention job is already started");
    }
    if (closed) {
      throw new IllegalStateException("the retention job is closed");
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "leadgate-consent-retention");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(this::runScheduled, initialDelay.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void runScheduled() {
    try {
      runOnce();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("event=retention.failed error={} sql_state={}", e.getClass().getName(),
          e instanceof SQLException sql ? sql.getSQLState() : "-");
    }
  }

  /**
   * One run, on the clock's current instant. Stops early (answering what it did so far) once {@link #close()} was
   * called.
   */
  public RetentionReport runOnce() throws SQLException {
    synchronized (runLock) {
      return run(clock.instant());
    }
  }

  private RetentionReport run(Instant now) throws SQLException {
    long started = System.nanoTime();
    int deleted = deleteUnconfirmedRequests(now.minus(config.unconfirmedRetention()), now);
    int[] counts = new int[4]; // stale, expired, shredded, failed
    String after = "";
    while (!closed) {
      String from = after;
      List<SubjectRow> page = transactions.read(connection -> subjects(connection, from));
      if (page.isEmpty()) {
        break;
      }
      Map<String, List<ConsentEvent>> events = transactions.read(connection -> events(connection, page));
      for (SubjectRow subject : page) {
        if (closed) {
          break;
        }
        Plan plan = plan(subject, events.getOrDefault(subject.key(), List.of()), now);
        if (plan.isEmpty()) {
          continue;
        }
        try {
          Plan done = transactions.write(connection -> apply(connection, subject.key(), now));
          counts[0] += done.stale().size();
          counts[1] += done.expire().size();
          counts[2] += done.shred() ? 1 : 0;
        } catch (SQLException | RuntimeException e) {
          counts[3]++;
          LOG.warn("event=retention.subject_failed error={}", e.getClass().getName());
        }
      }
      after = page.get(page.size() - 1).key();
      if (page.size() < PAGE) {
        break;
      }
    }
    if (counts[0] + counts[1] > 0) {
      onChange.run();
    }
    RetentionReport report = new RetentionReport(deleted, counts[0], counts[1], counts[2], counts[3]);
    LOG.info("event=retention.done deleted_requests={} stale={} expired={} shredded={} failed={} duration_ms={}",
        report.deletedRequests(), report.stale(), report.expired(), report.shredded(), report.failed(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return report;
  }

  /**
   * Deletes never-confirmed requests created before {@code cutoff} whose link has expired, a page per transaction
   * (a re-permission link works until the consent would be blocked).
   */
  private int deleteUnconfirmedRequests(Instant cutoff, Instant now) throws SQLException {
    int deleted = 0;
    while (!closed) {
      List<String> hashes = transactions.read(connection -> {
        try (PreparedStatement select = connection.prepareStatement("SELECT token_hash FROM doi_requests"
            + " WHERE used_at IS NULL AND created_at < ? AND expires_at <= ? ORDER BY created_at LIMIT " + PAGE)) {
          select.setLong(1, cutoff.toEpochMilli());
          select.setLong(2, now.toEpochMilli());
          List<String> found = new ArrayList<>();
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              found.add(rows.getString(1));
            }
          }
          return found;
        }
      });
      if (hashes.isEmpty()) {
        break;
      }
      deleted += transactions.write(connection -> {
        // decided again here: a request confirmed meanwhile is kept
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM doi_requests"
            + " WHERE token_hash = ? AND used_at IS NULL AND created_at < ? AND expires_at <= ?")) {
          int count = 0;
          for (String hash : hashes) {
            delete.setString(1, hash);
            delete.setLong(2, cutoff.toEpochMilli());
            delete.setLong(3, now.toEpochMilli());
            count += delete.executeUpdate();
          }
          return count;
        }
      });
      if (hashes.size() < PAGE) {
        break;
      }
    }
    return deleted;
  }

  /** A subject whose proof key still exists. */
  private record SubjectRow(String key, Instant createdAt, boolean erased) {}

  private static List<SubjectRow> subjects(Connection connection, String after) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT subject_key, created_at, erased_at"
        + " FROM subject_keys WHERE proof_key IS NOT NULL AND subject_key > ? ORDER BY subject_key LIMIT " + PAGE)) {
      select.setString(1, after);
      List<SubjectRow> page = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String key = rows.getString(1);
          long created = rows.getLong(2);
          rows.getLong(3);
          page.add(new SubjectRow(key, Instant.ofEpochMilli(created), !rows.wasNull()));
        }
      }
      return page;
    }
  }

  private static Optional<SubjectRow> subject(Connection connection, String subjectKey) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT subject_key, created_at, erased_at"
        + " FROM subject_keys WHERE proof_key IS NOT NULL AND subject_key = ?")) {
      select.setString(1, subjectKey);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        long created = rows.getLong(2);
        rows.getLong(3);
        return Optional.of(new SubjectRow(subjectKey, Instant.ofEpochMilli(created), !rows.wasNull()));
      }
    }
  }

  /** The events of a page of subjects, in ledger order, without their evidence (which is not needed here). */
  private static Map<String, List<ConsentEvent>> events(Connection connection, List<SubjectRow> subjects)
      throws SQLException {
    String marks = String.join(", ", Collections.nCopies(subjects.size(), "?"));
    Map<String, List<ConsentEvent>> bySubject = new LinkedHashMap<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT " + EVENT_COLUMNS
        + " FROM consent_events WHERE subject_key IN (" + marks + ") ORDER BY subject_key, seq")) {
      for (int i = 0; i < subjects.size(); i++) {
        select.setString(i + 1, subjects.get(i).key());
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ConsentEvent event = event(rows);
          bySubject.computeIfAbsent(event.subjectKey(), k -> new ArrayList<>()).add(event);
        }
      }
    }
    return bySubject;
  }

  private static List<ConsentEvent> events(Connection connection, String subjectKey) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT " + EVENT_COLUMNS
        + " FROM consent_events WHERE subject_key = ? ORDER BY seq")) {
      select.setString(1, subjectKey);
      List<ConsentEvent> events = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          events.add(event(rows));
        }
      }
      return events;
    }
  }

  private static ConsentEvent event(ResultSet rows) throws SQLException {
    return new ConsentEvent(
        rows.getLong(1),
        rows.getString(2),
        Instant.ofEpochMilli(rows.getLong(3)),
        rows.getString(4),
        Channel.parse(rows.getString(5)).orElseThrow(() -> new IllegalStateException("unknown channel")),
        rows.getString(6),
        Action.parse(rows.getString(7)).orElseThrow(() -> new IllegalStateException("unknown action")),
        LegalBasis.parse(rows.getString(8)).orElseThrow(() -> new IllegalStateException("unknown legal basis")),
        Actor.parse(rows.getString(9)),
        Optional.ofNullable(rows.getString(10)),
        Optional.empty(),
        rows.getString(11),
        rows.getString(12));
  }

  /** What to do with one subject: consents to mark stale, consents to block (expire), or destroy its proof key. */
  private record Plan(List<ConsentState> stale, List<ConsentState> expire, boolean shred) {
    static final Plan NONE = new Plan(List.of(), List.of(), false);

    boolean isEmpty() {
      return stale.isEmpty() && expire.isEmpty() && !shred;
    }
  }

  /** Decides again, under the ledger head's lock, on what is committed now, and does it. */
  private Plan apply(Connection connection, String subjectKey, Instant now) throws SQLException {
    ledger.lock(connection);
    Optional<SubjectRow> subject = subject(connection, subjectKey);
    if (subject.isEmpty()) {
      return Plan.NONE;
    }
    Plan plan = plan(subject.get(), events(connection, subjectKey), now);
    for (ConsentState state : plan.stale()) {
      markStale(connection, subjectKey, state, now);
    }
    List<NewConsentEvent> expired = new ArrayList<>();
    for (ConsentState state : plan.expire()) {
      String note = plan.shred()
          ? "the proof retention ended after erasure; the consent can no longer be proven"
          : unused(state, "blockAfter", config.blockAfter());
      expired.add(new NewConsentEvent(now, subjectKey, state.channel(), state.purpose(), Action.EXPIRED,
          LegalBasis.NONE, new Evidence(Map.of(Evidence.NOTE, note)), ACTOR, Optional.empty()));
    }
    ledger.append(connection, expired);
    if (!plan.stale().isEmpty() || !plan.expire().isEmpty()) {
      leads.requeue(connection, ConsentStore.leadsOf(connection, subjectKey), now);
    }
    if (plan.shred()) {
      ledger.shred(connection, subjectKey);
    }
    return plan;
  }

  /**
   * Records that a consent went stale. Email consent by double opt-in also gets its one re-permission mail, started
   * from its latest confirmation (address, form and wording); the mail's link works until the consent would be
   * blocked.
   */
  private void markStale(Connection connection, String subjectKey, ConsentState state, Instant now)
      throws SQLException {
    String note = unused(state, "staleAfter", config.staleAfter());
    if (state.channel() != Channel.EMAIL || state.basis() != LegalBasis.CONSENT_DOI) {
      ledger.append(connection, List.of(new NewConsentEvent(now, subjectKey, state.channel(), state.purpose(),
          Action.STALE, state.basis(), new Evidence(Map.of(Evidence.NOTE, note)), ACTOR, Optional.empty())));
      return;
    }
    ConsentEvent confirmed = ledger.eventsOf(connection, subjectKey).stream()
        .filter(e -> e.action() == Action.CONFIRMED && e.channel() == Channel.EMAIL
            && e.purpose().equals(state.purpose()))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new IllegalStateException("double opt-in consent without a confirmation"));
    Map<String, String> evidence = new LinkedHashMap<>();
    for (String key : RENEWED_EVIDENCE) {
      confirmed.evidence().map(e -> e.items().get(key)).ifPresent(value -> evidence.put(key, value));
    }
    evidence.put(Evidence.NOTE, note + "; re-permission mail started");
    ConfirmationRequests.start(connection, ledger, new NewConsentEvent(now, subjectKey, Channel.EMAIL,
            state.purpose(), Action.STALE, LegalBasis.CONSENT_DOI, new Evidence(evidence), ACTOR, confirmed.leadId()),
        ConfirmationRequests.Mail.REPERMISSION,
        config.purpose(state.purpose()).map(PurposeConfig::description).orElse(state.purpose()),
        state.unusedSince().plus(config.blockAfter()), Optional.empty());
  }

  private static String unused(ConsentState state, String setting, Duration period) {
    return "not used since " + state.unusedSince().atZone(ZoneOffset.UTC).toLocalDate()
        + " (consent.retention." + setting + " " + period + ")";
  }

  private Plan plan(SubjectRow subject, List<ConsentEvent> events, Instant now) {
    Map<ConsentStates.Key, ConsentState> states = ConsentStates.of(events);
    if (!subject.erased()) {
      // an erased subject's consents are neither marked stale nor blocked: a new event would prolong keeping its proof
      List<ConsentState> block = states.values().stream()
          .filter(state -> state.unusedFor(config.blockAfter(), now))
          .toList();
      List<ConsentState> stale = states.values().stream()
          .filter(state -> state.unusedFor(config.staleAfter(), now) && !state.unusedFor(config.blockAfter(), now))
          .filter(state -> !markedStale(events, state))
          .toList();
      if (!block.isEmpty() || !stale.isEmpty()) {
        return new Plan(stale, block, false);
      }
    }
    boolean allEnded = states.values().stream().allMatch(state -> ended(state, now));
    if (!(allEnded || subject.erased()) || now.isBefore(retainUntil(subject, events, states, now))) {
      return Plan.NONE;
    }
    // a consent whose proof is destroyed cannot be proven any more, so it must not permit either
    return new Plan(List.of(), states.values().stream().filter(state -> state.status().permits()).toList(), true);
  }

  /** Whether the consent was marked stale since it was last granted, confirmed or used. */
  private static boolean markedStale(List<ConsentEvent> events, ConsentState state) {
    return events.stream().anyMatch(event -> event.action() == Action.STALE && event.channel() == state.channel()
        && event.purpose().equals(state.purpose()) && event.at().isAfter(state.unusedSince()));
  }

  /** Withdrawn, objected, expired, or a request that was never confirmed and has lapsed. */
  private boolean ended(ConsentState state, Instant now) {
    return switch (state.status()) {
      case NONE, WITHDRAWN, OBJECTED, EXPIRED -> true;
      case REQUESTED -> lapsed(state, now);
      case CONFIRMED, GRANTED -> false;
    };
  }

  private boolean lapsed(ConsentState state, Instant now) {
    return state.status() == ConsentStatus.REQUESTED
        && !state.since().plus(config.unconfirmedRetention()).isAfter(now);
  }

  /**
   * Until when the subject's proof must be kept: the latest {@link ConsentState#proofRetainedUntil()} of its
   * consents, and never earlier than what any single event of the subject requires (3 years after the end of the
   * year of a grant, confirmation, use, withdrawal, objection or expiry; 5 years after a phone or SMS grant or use):
   * a new sign-up after a withdrawal must not shorten the proof of the withdrawal. A lapsed unconfirmed request
   * alone is kept for {@code unconfirmedRequests}.
   */
  private Instant retainUntil(SubjectRow subject, List<ConsentEvent> events,
      Map<ConsentStates.Key, ConsentState> states, Instant now) {
    Instant until = events.isEmpty() ? subject.createdAt().plus(config.unconfirmedRetention()) : Instant.EPOCH;
    for (ConsentState state : states.values()) {
      Instant each = state.status() == ConsentStatus.REQUESTED && (lapsed(state, now) || subject.erased())
          ? state.since().plus(config.unconfirmedRetention())
          : state.proofRetainedUntil();
      until = later(until, each);
    }
    for (ConsentEvent event : events) {
      switch (event.action()) {
        case CONFIRMED, GRANTED, USED -> {
          until = later(until, civilProofEnd(event.at()));
          if (event.channel() == Channel.PHONE || event.channel() == Channel.SMS) {
            until = later(until, event.at().atZone(ZoneOffset.UTC).plusYears(PHONE_PROOF_YEARS).toInstant());
          }
        }
        case WITHDRAWN, OBJECTED, EXPIRED -> until = later(until, civilProofEnd(event.at()));
        case REQUESTED, STALE -> { }
      }
    }
    return until;
  }

  /** BGB §195, §199: the end of the third year after the year of {@code at}. */
  private static Instant civilProofEnd(Instant at) {
    int year = at.atZone(ZoneOffset.UTC).getYear();
    return LocalDate.of(year + CIVIL_PROOF_YEARS + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** Stops the schedule; a run in progress stops after the subject it is at. */
  @Override
  public void close() {
    closed = true;
    ScheduledExecutorService running;
    synchronized (this) {
      running = scheduler;
    }
    if (running == null) {
      return;
    }
    running.shutdown();
    try {
      if (!running.awaitTermination(30, TimeUnit.SECONDS)) {
        running.shutdownNow();
      }
    } catch (InterruptedException e) {
      running.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
