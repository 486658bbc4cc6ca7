package org.leadgate;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.leadgate.config.FieldConfig;
import org.leadgate.config.FormConfig;
import org.leadgate.config.GatewayConfig;
import org.leadgate.intake.NormaliseStage;
import org.leadgate.intake.Submission;
import org.leadgate.intake.ValidateStage;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.outbox.Backoff;
import org.leadgate.outbox.DeliverStage;
import org.leadgate.outbox.DeliveryWorker;
import org.leadgate.pipeline.Outcome;
import org.leadgate.pipeline.RealStageChain;
import org.leadgate.pipeline.Stage;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.spi.PluginContext;
import org.leadgate.spi.Plugins;
import org.leadgate.storage.Database;
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
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final GatewayConfig config;
  private final Clock clock;
  private final Database database;
  private final LeadStore store;
  private final CrmAdapter crm;
  private final GroupCommitWriter writer;
  private final DeliveryWorker worker;

  private Gateway(GatewayConfig config, Clock clock, Database database, CrmAdapter crm) {
    this.config = config;
    this.clock = clock;
    this.database = database;
    this.crm = crm;
    this.store = new LeadStore(database, config.crm().adapter());
    this.worker = new DeliveryWorker(store, this::deliver, config.delivery(),
        new Backoff(config.delivery().initialBackoff(), config.delivery().maxBackoff(),
            ThreadLocalRandom.current()), clock);
    this.writer = new GroupCommitWriter(store, config.intake().maxBatch(), worker::wake);
  }

  /** Opens storage, builds the CRM adapter named in the configuration and starts delivering. */
  public static Gateway start(GatewayConfig config, ClassLoader plugins, Clock clock) {
    CrmAdapter crm = Plugins.crmAdapters(plugins)
        .require(config.crm().adapter(), "crm.adapter")
        .create(new PluginContext(config.crm().settings(), config.dataDirectory(), clock));
    Database database;
    try {
      database = Database.open(config.storage());
    } catch (RuntimeException e) {
      crm.close();
      throw e;
    }
    Gateway gateway = new Gateway(config, clock, database, crm);
    gateway.worker.start();
    LOG.info("event=gateway.started forms={} crm={} storage={}", config.forms().size(), config.crm().adapter(),
        config.storage().isSqlite() ? "sqlite" : "postgresql");
    return gateway;
  }

  public GatewayConfig config() {
    return config;
  }

  /**
   * Runs a submission through intake: normalise, validate, commit. Answers {@link Outcome.Accepted} only after the
   * commit, or {@link Outcome.Invalid} with nothing stored.
   *
   * @throws StorageUnavailableException if the lead could not be committed
   * @throws IllegalArgumentException if the form is not configured
   */
  public Outcome submit(Submission submission) {
    FormConfig form = config.form(submission.formId())
        .orElseThrow(() -> new IllegalArgumentException("unknown form " + submission.formId()));
    List<Stage> stages = new ArrayList<>();
    stages.add(new NormaliseStage(form));
    stages.add(new ValidateStage(form));
    stages.add(new PersistStage(writer, submission, config.intake().commitTimeout()));
    return RealStageChain.run(stages, typedLead(form, submission));
  }

  private static Lead typedLead(FormConfig form, Submission submission) {
    Provenance typed = Provenance.typed(form.id(), submission.receivedAt());
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    for (FieldConfig field : form.fields()) {
      submission.first(field.name()).ifPresent(value -> fields.put(field.name(), new FieldValue(value, typed)));
    }
    return new Lead(UUID.randomUUID().toString(), form.id(), submission.receivedAt(), fields);
  }

  private DeliveryResult deliver(Lead lead, int attempt) {
    Outcome outcome = RealStageChain.run(List.of(new DeliverStage(crm, attempt)), lead);
    if (outcome instanceof Outcome.CrmAnswered answered) {
      return answered.result();
    }
    throw new IllegalStateException("the delivery pipeline ended without a CRM answer: " + outcome);
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
    writer.close();
    worker.close();
    crm.close();
    database.close();
    LOG.info("event=gateway.stopped");
  }
}
