package org.leadgate;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.leadgate.config.FieldConfig;
import org.leadgate.consent.ConsentRecorder;
import org.leadgate.consent.ConsentService;
import org.leadgate.consent.ConsentStage;
import org.leadgate.consent.ConfirmationSender;
import org.leadgate.duplicates.engine.Deduplication;
import org.leadgate.enrichment.engine.Enrichment;
import org.leadgate.scoring.funnel.LeadScoring;
import org.leadgate.scoring.funnel.ScoringStage;
import org.leadgate.consent.Wordings;
import org.leadgate.consent.compliance.ComplianceService;
import org.leadgate.consent.retention.RetentionJob;
import org.leadgate.consent.ledger.Ledger;
import org.leadgate.consent.ledger.SubjectKeys;
import org.leadgate.consent.mail.MailCourier;
import org.leadgate.consent.mail.MailSettings;
import org.leadgate.consent.sms.SmsCourier;
import org.leadgate.storage.Transactions;
import org.leadgate.config.FormConfig;
import org.leadgate.config.GatewayConfig;
import org.leadgate.intake.NormaliseStage;
import org.leadgate.intake.Submission;
import org.leadgate.intake.ValidateStage;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.outbox.Backoff;
import org.leadgate.outbox.DeliveryLogPruner;
import org.leadgate.outbox.HandOver;
import org.leadgate.outbox.DeliveryWorker;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.pipeline.Outcome;
import org.leadgate.pipeline.RealStageChain;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.InboundHook;
import org.leadgate.spi.Intake;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.spi.PluginContext;
import org.leadgate.spi.Plugins;
import org.leadgate.storage.Database;
import org.leadgate.storage.DeliveryLog;
import org.leadgate.storage.GroupCommitWriter;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.PersistStage;
import org.leadgate.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway, assembled from its configuration: storage, the intake pipeline, the CRM adapter and the
 * delivery worker. The web layer calls it; nothing here knows about HTTP.
 */
public final class Gateway implements AutoCloseable, Intake {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final GatewayConfig config;
  private final Clock clock;
  private final Database database;
  private final LeadStore store;
  private final CrmAdapter crm;
  private final GroupCommitWriter writer;
  private final DeliveryWorker worker;
  private final ConsentService consent;
  private final ComplianceService compliance;
  private final RetentionJob retention;
  private final Optional<ConfirmationSender> mailer;
  private final Enrichment enrichment;
  private final LeadScoring scoring;
  private final Deduplication duplicates;
  private final DeliveryLog deliveryLog;
  private final DeliveryLogPruner deliveryLogPruner;

  private Gateway(GatewayConfig config, Clock clock, Database database, CrmAdapter crm, Ledger ledger,
      Optional<ConfirmationSender> mailer, ClassLoader plugins) {
    this.config = config;
    this.clock = clock;
    this.database = database;
    this.crm = crm;
    this.mailer = mailer;
    Transactions transactions = new Transactions(database);
    ConsentRecorder consentRecorder = new ConsentRecorder(config, ledger);
    this.store = new LeadStore(database, transactions, config.crm().adapter(), acceptHook(consentRecorder));
    this.deliveryLog = new DeliveryLog(transactions);
    this.deliveryLogPruner = new DeliveryLogPruner(deliveryLog, config.delivery().logRetention(), clock);
    this.enrichment = Enrichment.create(config, plugins, database, transactions, store, clock);
    this.duplicates = new Deduplication(config, transactions, store, clock);
    this.worker = new DeliveryWorker(store, enrichment.andThen(duplicates), this::deliver,
        new DeliveryWorker.Batching(crm.batchLimit(), crm.linger()), config.delivery(), new Backoff(config.delivery().initialBackoff(), config.delivery().maxBackoff(),
            ThreadLocalRandom.current()), clock);
    this.consent = new ConsentService(config, ledger, transactions, store, clock, worker::wake);
    this.scoring = new LeadScoring(config.scoring(), transactions, store, ledger.keys(), clock, worker::wake);
    this.compliance = new ComplianceService(config, ledger, transactions, clock);
    this.retention = new RetentionJob(transactions, ledger, config.consent(), clock, store, worker::wake);
    this.writer = new GroupCommitWriter(store, config.intake().maxBatch(), () -> {
      worker.wake();
      mailer.ifPresent(ConfirmationSender::wake);
    });
  }

  /**
   * What the accepting transaction records besides the lead: the request for enrichment, the consent evidence and
   * the scoring events (also for embedders and tests that build a {@link LeadStore} themselves).
   */
  public static LeadStore.AcceptHook acceptHook(ConsentRecorder consentRecorder) {
    return (connection, accept) -> {
      Enrichment.recordRequest(connection, accept);
      List<Outcome.ConsentReply> consents = consentRecorder.accepted(connection, accept);
      LeadScoring.recordAccepted(connection, accept, consents);
      return consents;
    };
  }

  /** Opens storage, builds the CRM adapter named in the configuration and starts delivering. */
  public static Gateway start(GatewayConfig config, ClassLoader plugins, Clock clock) {
    CrmAdapter crm = Plugins.crmAdapters(plugins)
        .require(config.crm().adapter(), "crm.adapter")
        .create(new PluginContext(config.crm().settings(), config.dataDirectory(), clock, config.forms()));
    Database database;
    try {
      database = Database.open(config.storage());
    } catch (RuntimeException e) {
      crm.close();
      throw e;
    }
    Ledger ledger;
    Optional<ConfirmationSender> mailer;
    try {
      Transactions transactions = new Transactions(database);
      ledger = new Ledger(transactions.write(connection -> {
        Wordings.register(connection, config.consent().wordings(), clock.instant());
        return SubjectKeys.load(connection);
      }));
      mailer = config.consent().baseUrl().map(baseUrl -> {
        MailSettings mail = MailSettings.from(config.consent().section());
        return new ConfirmationSender(transactions, ledger.keys(), MailCourier.create(mail, config.dataDirectory()),
            SmsCourier.create(config, baseUrl, mail.doiMail().senderName(), clock), baseUrl, clock);
      });
    } catch (SQLException e) {
      database.close();
      crm.close();
      throw new IllegalStateException("cannot prepare the consent ledger: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      database.close();
      crm.close();
      throw e;
    }
    Gateway gateway;
    try {
      gateway = new Gateway(config, clock, database, crm, ledger, mailer, plugins);
    } catch (RuntimeException e) {
      database.close();
      crm.close();
      throw e;
    }
    gateway.worker.start();
    gateway.enrichment.start();
    gateway.scoring.start();
    gateway.retention.start();
    gateway.deliveryLogPruner.start();
    mailer.ifPresent(ConfirmationSender::start);
    LOG.info("event=gateway.started forms={} crm={} storage={}", config.forms().size(), config.crm().adapter(),
        config.storage().isSqlite() ? "sqlite" : "postgresql");
    return gateway;
  }

  public GatewayConfig config() {
    return config;
  }

  /** Scoring: behaviour events and the stage the CRM sets. */
  public LeadScoring scoring() {
    return scoring;
  }

  /** Consent after intake: confirmation and withdrawal links, the consent API, permissions. */
  public ConsentService consent() {
    return consent;
  }

  /** Compliance: consent exports, per-person proof and export, erasure, the audit log. */
  public ComplianceService compliance() {
    return compliance;
  }

  /** The daily retention job (also runnable at once, for tests and operators). */
  public RetentionJob retention() {
    return retention;
  }

  /**
   * Runs a submission through intake: normalise, validate, commit. Answers {@link Outcome.Accepted} only after the
   * commit, or {@link Outcome.Invalid} with nothing stored.
   *
   * @throws StorageUnavailableException if the lead could not be committed
   * @throws IllegalArgumentException if the form is not configured
   */
  @Override
  public Outcome submit(Submission submission) {
    FormConfig form = form(submission);
    return RealStageChain.run(List.of(new NormaliseStage(form), new ValidateStage(form),
        new PersistStage(writer, submission, config.intake().commitTimeout())), typedLead(form, submission));
  }

  /**
   * The problems {@link #submit} would refuse the submission with, found without storing anything.
   *
   * @throws IllegalArgumentException if the form is not configured
   */
  @Override
  public List<FieldProblem> check(Submission submission) {
    FormConfig form = form(submission);
    // the last stage only ends the chain: nothing is stored or delivered
    Outcome outcome = RealStageChain.run(List.of(new NormaliseStage(form), new ValidateStage(form),
        chain -> new Outcome.ReadyForCrm(chain.lead())), typedLead(form, submission));
    return outcome instanceof Outcome.Invalid invalid ? invalid.problems() : List.of();
  }

  private FormConfig form(Submission submission) {
    return config.form(submission.formId())
        .orElseThrow(() -> new IllegalArgumentException("unknown form " + submission.formId()));
  }

  private static Lead typedLead(FormConfig form, Submission submission) {
    Provenance typed = Provenance.typed(form.id(), submission.valuesAt());
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    for (FieldConfig field : form.fields()) {
      submission.first(field.name()).ifPresent(value -> fields.put(field.name(), new FieldValue(value, typed)));
    }
    return new Lead(UUID.randomUUID().toString(), form.id(), submission.receivedAt(), fields);
  }

  /**
   * Runs each lead of a batch through the delivery stages (consent, scoring) and hands those that pass to the CRM in
   * one call; a stage that answers for a lead (try again later) keeps it out of the call.
   */
  private List<DeliveryResult> deliver(List<DeliveryWorker.Try> batch) {
    DeliveryResult[] results = new DeliveryResult[batch.size()];
    List<Delivery> handOver = new ArrayList<>(batch.size());
    List<Integer> positions = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      LeadStore.PendingDelivery pending = batch.get(i).pending();
      Outcome outcome = RealStageChain.run(List.of(new ConsentStage(consent), new ScoringStage(scoring),
          chain -> new Outcome.ReadyForCrm(chain.lead())), pending.lead());
      if (outcome instanceof Outcome.ReadyForCrm ready) {
        handOver.add(new Delivery(ready.lead(), pending.idempotencyKey(), batch.get(i).number(),
            pending.crmRecordId()));
        positions.add(i);
      } else if (outcome instanceof Outcome.CrmAnswered answered) {
        results[i] = answered.result();
      } else {
        throw new IllegalStateException("the delivery stages ended without a result: " + outcome);
      }
    }
    List<DeliveryResult> answered = HandOver.deliverAll(crm, handOver);
    for (int j = 0; j < positions.size(); j++) {
      results[positions.get(j)] = answered.get(j);
    }
    return Arrays.asList(results);
  }

  /** The CRM adapter's endpoints (webhooks, drop-in form targets) for the web application to serve. */
  public List<InboundHook> hooks() {
    return crm.hooks();
  }

  /** What the readiness check shows of the CRM adapter. */
  public Map<String, Object> crmHealth() {
    return crm.health();
  }

  /** Duplicates: the merges of leads into earlier leads of the same person, and their undo. */
  public Deduplication duplicates() {
    return duplicates;
  }

  /** Enrichment: its providers (region, circuit, budget, cache) and the leads by enrichment state. */
  public Enrichment enrichment() {
    return enrichment;
  }

  /** Readiness: whether storage answers, and the outbox by state. */
  public record Readiness(boolean storageReachable, Optional<LeadStore.OutboxCounts> outbox) {}

  public Readiness readiness() {
    if (!database.isReachable()) {
      return new Readiness(false, Optional.empty());
    }
    try {
      return new Readiness(true, Optional.of(store.counts()));
    } catch (SQLException e) {
      return new Readiness(false, Optional.empty());
    }
  }

  /** The delivery log of a lead: its attempts, oldest first; empty if there is no such lead. */
  public Optional<List<DeliveryLog.Entry>> deliveries(String leadId) {
    try {
      return deliveryLog.of(leadId);
    } catch (SQLException e) {
      throw new StorageUnavailableException("cannot read the delivery log of " + leadId, e);
    }
  }

  public List<LeadStore.DeadLetter> deadLetters(int limit) {
    try {
      return store.deadLetters(limit);
    } catch (SQLException e) {
      throw new StorageUnavailableException("cannot read dead letters", e);
    }
  }

  /** Queues a dead letter for delivery again; false if there is no dead letter with that lead id. */
  public boolean replay(String leadId) {
    try {
      boolean replayed = store.replay(leadId, clock.instant());
      if (replayed) {
        LOG.info("event=delivery.replayed lead={}", leadId);
        worker.wake();
      }
      return replayed;
    } catch (SQLException e) {
      throw new StorageUnavailableException("cannot replay " + leadId, e);
    }
  }

  @Override
  public void close() {
    retention.close();
    deliveryLogPruner.close();
    writer.close();
    mailer.ifPresent(ConfirmationSender::close);
    scoring.close();
    worker.close();
    enrichment.close();
    crm.close();
    database.close();
    LOG.info("event=gateway.stopped");
  }
}
