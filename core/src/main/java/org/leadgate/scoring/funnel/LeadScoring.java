package org.leadgate.scoring.funnel;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.consent.ConsentStore;
import org.leadgate.consent.Subject;
import org.leadgate.consent.ledger.SubjectKeys;
import org.leadgate.lead.Lead;
import org.leadgate.pipeline.Outcome;
import org.leadgate.scoring.BehaviourEvent;
import org.leadgate.scoring.LeadScore;
import org.leadgate.scoring.Score;
import org.leadgate.scoring.Scorer;
import org.leadgate.scoring.ScoringConfig;
import org.leadgate.scoring.Stage;
import org.leadgate.scoring.StageDecision;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.StorageUnavailableException;
import org.leadgate.storage.Transactions;
import org.leadgate.work.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scoring in a running gateway. Each accepted lead gets a {@code form-submitted} event and a
 * {@code consent-requested} event per ticked box (with {@code channel} and {@code purpose}), a confirmed double
 * opt-in or SMS link a {@code consent-confirmed} one; other events arrive through {@link #record}. Before each delivery the lead is scored on the gateway's clock and its stage decided:
 * scoring moves it up to MQL (and back when its score decays), the CRM moves it further ({@link #setStage}), and
 * scoring never lowers a stage the CRM set. New events and stages queue the lead for delivery again.
 */
public final class LeadScoring implements AutoCloseable {
  /** Who set a stage. */
  static final String BY_SCORING = "scoring";
  static final String BY_CRM = "crm";
  private static final int RECHECK_BATCH = 500;
  private static final Duration RECHECK_EVERY = Duration.ofHours(1);
  private static final Logger LOG = LoggerFactory.getLogger(LeadScoring.class);

  private final ScoringConfig config;
  private final Scorer scorer;
  private final Transactions transactions;
  private final LeadStore leads;
  private final SubjectKeys keys;
  private final Clock clock;
  private final Runnable wakeDelivery;
  private final PollingLoop recheck;

  public LeadScoring(ScoringConfig config, Transactions transactions, LeadStore leads, SubjectKeys keys, Clock clock,
      Runnable wakeDelivery) {
    this.config = config;
    this.scorer = new Scorer(config);
    this.transactions = transactions;
    this.leads = leads;
    this.keys = keys;
    this.clock = clock;
    this.wakeDelivery = wakeDelivery;
    this.recheck = new PollingLoop("leadgate-scoring", RECHECK_EVERY, Duration.ofSeconds(30), this::recheckOnce,
        e -> LOG.warn("event=scoring.recheck_failed error=\"{}\"", e.getMessage()));
  }

  /** Starts the hourly check of decayed scores. */
  public void start() {
    recheck.start();
  }

  @Override
  public void close() {
    recheck.close();
  }

  /** The events of a lead being accepted, in the accepting transaction. */
  public static void recordAccepted(Connection connection, LeadStore.Accept accept,
      List<Outcome.ConsentReply> consents) throws SQLException {
    Instant at = accept.submission().receivedAt();
    String leadId = accept.lead().id();
    ScoringStore.addEvent(connection, leadId,
        new BehaviourEvent("form-submitted", at, Map.of("form", accept.lead().formId())));
    for (Outcome.ConsentReply consent : consents) {
      ScoringStore.addEvent(connection, leadId, new BehaviourEvent("consent-requested", at,
          Map.of("channel", consent.channel(), "purpose", consent.purpose())));
    }
  }

  /** A {@code consent-confirmed} event ({@code channel}, {@code purpose}) for each lead, in the confirming transaction. */
  public static void recordConfirmed(Connection connection, List<String> leadIds, String channel, String purpose,
      Instant at) throws SQLException {
    for (String leadId : leadIds) {
      ScoringStore.addEvent(connection, leadId,
          new BehaviourEvent("consent-confirmed", at, Map.of("channel", channel, "purpose", purpose)));
    }
  }

  /** Who an event is about: a lead id, or every lead of an email address. */
  public sealed interface LeadRef {
    record ById(String leadId) implements LeadRef {}

    record ByEmail(String email) implements LeadRef {}
  }

  /** Stores an event for the lead(s) it names and queues them for delivery; answers their ids (none: unknown). */
  public List<String> record(LeadRef who, BehaviourEvent event) {
    try {
      List<String> ids = transactions.write(connection -> {
        List<String> found = leadsOf(connection, who);
        for (String leadId : found) {
          ScoringStore.addEvent(connection, leadId, event);
        }
        leads.requeue(connection, found, clock.instant());
        return found;
      });
      if (!ids.isEmpty()) {
        wakeDelivery.run();
      }
      return ids;
    } catch (SQLException e) {
      throw new StorageUnavailableException("cannot record the event", e);
    }
  }

  /** What came of the CRM setting a stage. */
  public enum StageChange {
    SET,
    UNKNOWN_LEAD,
    UNKNOWN_STAGE
  }

  /** The CRM moves a lead to {@code stageId} (for example {@code sal} once sales accepted it). */
  public StageChange setStage(String leadId, String stageId) {
    Optional<Stage> stage = config.stages().find(stageId);
    if (stage.isEmpty()) {
      return StageChange.UNKNOWN_STAGE;
    }
    try {
      boolean known = transactions.write(connection -> {
        if (!ScoringStore.leadExists(connection, leadId)) {
          return false;
        }
        Optional<Instant> mqlAt = ScoringStore.stage(connection, leadId).flatMap(ScoringStore.StoredStage::mqlAt);
        Instant now = now();
        ScoringStore.saveStage(connection, leadId, new ScoringStore.StoredStage(stage.get().id(),
            atOrAfterHandover(stage.get()) ? mqlAt.or(() -> Optional.of(now)) : Optional.empty(), BY_CRM), now);
        leads.requeue(connection, List.of(leadId), now);
        return true;
      });
      if (known) {
        wakeDelivery.run();
      }
      return known ? StageChange.SET : StageChange.UNKNOWN_LEAD;
    } catch (SQLException e) {
      throw new StorageUnavailableException("cannot set the stage of " + leadId, e);
    }
  }

  /** Scores the lead now and decides its stage, storing a changed stage; the lead carries both. */
  public Lead score(Lead lead) {
    try {
      Scored scored = transactions.read(connection -> scoreIn(connection, lead, false));
      return scored.toStore() ? transactions.write(connection -> scoreIn(connection, lead, true)).scored()
          : scored.scored();
    } catch (SQLException e) {
      throw new StorageUnavailableException("cannot score " + lead.id(), e);
    }
  }

  /**
   * Scores again the leads that scoring moved beyond the first stage, so that one whose behaviour points decayed
   * below its threshold falls back (an MQL nobody worked on is recycled to Lead) and the CRM is told. Run hourly by
   * the gateway; answers how many leads changed stage.
   */
  public int recheckOnce() throws SQLException {
    List<String> changed = transactions.write(connection -> {
      List<String> moved = new ArrayList<>();
      for (Lead lead : ScoringStore.scoredBeyond(connection, config.stages().entry().id(), RECHECK_BATCH)) {
        if (scoreIn(connection, lead, true).stageChanged()) {
          moved.add(lead.id());
        }
      }
      leads.requeue(connection, moved, now());
      return moved;
    });
    if (!changed.isEmpty()) {
      wakeDelivery.run();
    }
    return changed.size();
  }

  /**
   * A lead scored; {@code toStore} when its stage differs from what is stored (a lead never scored beyond the first
   * stage needs no row: most leads are scored without a write).
   */
  private record Scored(Lead scored, boolean stageChanged, boolean toStore) {}

  private Scored scoreIn(Connection connection, Lead lead, boolean store) throws SQLException {
    Instant now = now();
    Score score = scorer.score(lead, ScoringStore.events(connection, lead.id()), now);
    Optional<ScoringStore.StoredStage> stored = ScoringStore.stage(connection, lead.id());
    Stage current = stored.flatMap(s -> config.stages().find(s.stage())).orElse(config.stages().entry());
    StageDecision decision = config.stages().decide(score, current,
        stored.flatMap(ScoringStore.StoredStage::mqlAt), now);
    ScoringStore.StoredStage next = new ScoringStore.StoredStage(decision.stage().id(), decision.mqlAt(),
        decision.stage().equals(current) ? stored.map(ScoringStore.StoredStage::setBy).orElse(BY_SCORING)
            : BY_SCORING);
    boolean firstStageOnly = stored.isEmpty() && decision.stage().equals(config.stages().entry())
        && decision.mqlAt().isEmpty();
    boolean toStore = !firstStageOnly && (stored.isEmpty() || !stored.get().equals(next));
    if (store && toStore) {
      ScoringStore.saveStage(connection, lead.id(), next, now);
    }
    return new Scored(lead.withScore(new LeadScore(score, decision)), !decision.stage().equals(current), toStore);
  }

  /** Now, to the millisecond that storage keeps, so a hand-over time reads the same before and after it is stored. */
  private Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  private boolean atOrAfterHandover(Stage stage) {
    List<Stage> all = config.stages().all();
    return all.indexOf(stage) >= all.indexOf(config.stages().find(org.leadgate.scoring.Stages.HANDOVER)
        .orElseThrow());
  }

  private List<String> leadsOf(Connection connection, LeadRef who) throws SQLException {
    if (who instanceof LeadRef.ById byId) {
      return ScoringStore.leadExists(connection, byId.leadId()) ? List.of(byId.leadId()) : List.of();
    }
    String email = ((LeadRef.ByEmail) who).email();
    return new ArrayList<>(ConsentStore.leadsOf(connection, keys.keyOf(Subject.email(email))));
  }
}
