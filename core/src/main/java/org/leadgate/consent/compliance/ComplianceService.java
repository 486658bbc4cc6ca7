package org.leadgate.consent.compliance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.leadgate.config.GatewayConfig;
import org.leadgate.config.PurposeConfig;
import org.leadgate.consent.ConsentStore;
import org.leadgate.consent.ConsentState;
import org.leadgate.consent.ConsentStates;
import org.leadgate.consent.Evidence;
import org.leadgate.consent.Subject;
import org.leadgate.consent.Wordings;
import org.leadgate.consent.ledger.ConsentEvent;
import org.leadgate.consent.ledger.Ledger;
import org.leadgate.storage.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compliance exports and erasure. Every export, proof, subject export and erasure first writes an audit entry in
 * a transaction of its own (who, what, which filter or pseudonymous subject key), and only then reads or changes
 * anything: an export that cannot be audited does not happen.
 */
public final class ComplianceService {
  private static final Logger LOG = LoggerFactory.getLogger(ComplianceService.class);
  private static final int CACHE_SIZE = 10_000;

  private final GatewayConfig config;
  private final Ledger ledger;
  private final Transactions transactions;
  private final Clock clock;

  public ComplianceService(GatewayConfig config, Ledger ledger, Transactions transactions, Clock clock) {
    this.config = config;
    this.ledger = ledger;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** The time the service goes by (the default end of an export range is one second after it). */
  public Instant now() {
    return clock.instant();
  }

  /** Writes an audit entry in a transaction of its own. */
  public AuditEntry audit(String principal, String action, String detail) throws SQLException {
    AuditEntry entry = new AuditEntry(UUID.randomUUID().toString(), clock.instant(), principal, action, detail);
    transactions.write(connection -> {
      AuditLog.append(connection, entry);
      return null;
    });
    return entry;
  }

  /**
   * Audits, then streams the consent events that {@code filter} selects to {@code out} in ledger order. If reading
   * fails midway the document is left unfinished (no closing bracket), so a broken export never looks complete.
   *
   * @return the number of rows written
   */
  public long exportConsents(String principal, ExportFilter filter, ExportFormat format, OutputStream out)
      throws SQLException, IOException {
    audit(principal, AuditEntry.CONSENTS_EXPORT, filter.describe() + " format=" + format.id());
    ConsentRowWriter writer = ConsentRowWriter.open(format, out);
    long[] rows = {0};
    try {
      transactions.read(connection -> snapshot(connection, c -> {
        FormResolver forms = new FormResolver(c);
        ledger.forEach(c, filter.from(), filter.to(), event -> {
          if (filter.channel().isPresent() && filter.channel().get() != event.channel()
              || filter.purpose().isPresent() && !filter.purpose().get().equals(event.purpose())) {
            return;
          }
          Optional<String> form = forms.direct(event);
          if (filter.form().isPresent() && !forms.belongsTo(event, form, filter.form().get())) {
            return;
          }
          try {
            writer.row(ConsentRow.of(event, form));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          rows[0]++;
        });
        return null;
      }));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    writer.close();
    LOG.info("event=compliance.consents_exported principal={} format={} rows={}", principal, format.id(), rows[0]);
    return rows[0];
  }

  /** Audits, then answers the person's consent proof; empty if the ledger knows nothing about them. */
  public Optional<SubjectProof> proof(String principal, Subject subject) throws SQLException {
    String subjectKey = ledger.keys().keyOf(subject);
    audit(principal, AuditEntry.SUBJECTS_PROOF, describe(subject, subjectKey));
    Optional<SubjectProof> proof = Optional.of(transactions.read(connection -> snapshot(connection,
        c -> proofOf(c, subject, subjectKey))))
        .filter(p -> !p.isEmpty());
    LOG.info("event=compliance.proof principal={} found={}", principal, proof.isPresent());
    return proof;
  }

  /**
   * Audits, then answers everything held about the person: linked leads with fields, provenance, raw submission
   * and delivery, and the consent proof; empty if nothing is held.
   */
  public Optional<SubjectExport> export(String principal, Subject subject) throws SQLException {
    String subjectKey = ledger.keys().keyOf(subject);
    audit(principal, AuditEntry.SUBJECTS_EXPORT, describe(subject, subjectKey));
    Optional<SubjectExport> export = transactions.read(connection -> snapshot(connection, c -> {
      SubjectProof proof = proofOf(c, subject, subjectKey);
      List<SubjectExport.LeadRecord> leads = ComplianceStore.leadRecords(c, subjectKey);
      return proof.isEmpty() && leads.isEmpty() && ComplianceStore.keyStatus(c, subjectKey).isEmpty()
          ? Optional.<SubjectExport>empty() : Optional.of(new SubjectExport(proof, leads));
    }));
    LOG.info("event=compliance.subject_exported principal={} found={} leads={}", principal, export.isPresent(),
        export.map(e -> e.leads().size()).orElse(0));
    return export;
  }

  /**
   * Audits, then erases the person's personal data in one transaction (DSGVO Art. 17): every linked lead's fields
   * and raw submission are emptied and its delivery stopped unless it was delivered, the leads are unlinked from
   * all subjects (so no consent change can queue them again), confirmation mail data is deleted and open
   * confirmation links expire. The consent proof stays readable while its retention lasts (Art. 17(3)(b),(e));
   * if no consent was ever confirmed or granted, or retention has ended, the proof key is destroyed now and the
   * subject's withdrawal links deleted. The ledger's chain is not touched and still verifies.
   *
   * @return what was erased; empty if nothing is held about the person
   */
  public Optional<ErasureResult> erase(String principal, Subject subject) throws SQLException {
    String subjectKey = ledger.keys().keyOf(subject);
    audit(principal, AuditEntry.SUBJECTS_ERASE, describe(subject, subjectKey));
    Optional<ErasureResult> result = transactions.write(connection -> {
      Optional<ComplianceStore.KeyStatus> status = ComplianceStore.keyStatus(connection, subjectKey);
      List<String> leadIds = ConsentStore.leadsOf(connection, subjectKey);
      List<ConsentEvent> events = ledger.eventsOf(connection, subjectKey);
      if (status.isEmpty() && leadIds.isEmpty() && events.isEmpty()) {
        return Optional.<ErasureResult>empty();
      }
      Instant now = clock.instant();
      List<ErasureResult.ErasedLead> erased = new ArrayList<>();
      for (String leadId : leadIds) {
        erased.add(ComplianceStore.eraseLead(connection, leadId, now));
        ComplianceStore.unlink(connection, leadId);
      }
      int cleared = ComplianceStore.clearMailPayloads(connection, subjectKey, leadIds);
      ComplianceStore.expireOpenRequests(connection, subjectKey, now);
      Optional<Instant> retained = Retention.until(events).filter(until -> until.isAfter(now));
      if (retained.isEmpty()) {
        ledger.shred(connection, subjectKey);
        ComplianceStore.deleteWithdrawTokens(connection, subjectKey);
      }
      ComplianceStore.markErased(connection, subjectKey, now);
      return Optional.of(new ErasureResult(subject.kind(), subjectKey, now, erased, cleared, retained,
          retained.isEmpty() && status.isPresent()));
    });
    LOG.info("event=compliance.erased principal={} found={} leads={} proof_retained={}", principal,
        result.isPresent(), result.map(r -> r.leads().size()).orElse(0),
        result.map(r -> r.proofRetainedUntil().isPresent()).orElse(false));
    return result;
  }

  /** Audits, then streams the audit entries of a time range to {@code sink}, oldest first. */
  public void auditEntries(String principal, Instant from, Instant to, AuditLog.Sink sink) throws SQLException {
    audit(principal, AuditEntry.AUDIT_LIST, "from=" + from + " to=" + to);
    transactions.read(connection -> snapshot(connection, c -> {
      AuditLog.forEach(c, from, to, sink);
      return null;
    }));
  }

  private SubjectProof proofOf(Connection connection, Subject subject, String subjectKey) throws SQLException {
    List<ConsentEvent> events = ledger.eventsOf(connection, subjectKey);
    Optional<ComplianceStore.KeyStatus> status = ComplianceStore.keyStatus(connection, subjectKey);
    Map<ConsentStates.Key, ConsentState> states = ConsentStates.of(events);
    Map<ConsentStates.Key, Instant> retention = Retention.perConsent(events);
    Map<ConsentStates.Key, List<ConsentEvent>> byConsent = new LinkedHashMap<>();
    Map<String, Set<String>> citedHashes = new LinkedHashMap<>();
    for (ConsentEvent event : events) {
      byConsent.computeIfAbsent(new ConsentStates.Key(event.channel(), event.purpose()), k -> new ArrayList<>())
          .add(event);
      event.evidence().map(Evidence::items).ifPresent(items -> {
        String wording = items.get(Evidence.WORDING_ID);
        if (wording != null) {
          Set<String> hashes = citedHashes.computeIfAbsent(wording, w -> new LinkedHashSet<>());
          Optional.ofNullable(items.get(Evidence.WORDING_SHA256)).ifPresent(hashes::add);
        }
      });
    }
    List<SubjectProof.ConsentHistory> consents = new ArrayList<>();
    byConsent.forEach((key, history) -> consents.add(new SubjectProof.ConsentHistory(key.channel(),
        key.purpose(), config.consent().purpose(key.purpose()).map(PurposeConfig::description).orElse(""),
        Optional.ofNullable(states.get(key)), Optional.ofNullable(retention.get(key)), history)));
    List<SubjectProof.WordingText> wordings = new ArrayList<>();
    for (Map.Entry<String, Set<String>> cited : citedHashes.entrySet()) {
      Optional<String> text = Wordings.text(connection, cited.getKey());
      Optional<String> sha256 = text.map(ComplianceService::sha256);
      wordings.add(new SubjectProof.WordingText(cited.getKey(), text, sha256,
          sha256.isPresent() && cited.getValue().stream().allMatch(sha256.get()::equals)));
    }
    return new SubjectProof(subject, subjectKey, clock.instant(),
        status.flatMap(ComplianceStore.KeyStatus::erasedAt), status.map(s -> !s.shredded()).orElse(false),
        retention.values().stream().max(Instant::compareTo), consents, wordings,
        ComplianceStore.doiRecords(connection, subjectKey));
  }

  /** The audit detail for a subject: its kind and pseudonymous key, never the address. */
  private static String describe(Subject subject, String subjectKey) {
    return "subject=" + subject.kind().name().toLowerCase(Locale.ROOT) + ":" + subjectKey;
  }

  /**
   * Runs reads in one transaction: one consistent snapshot, and on PostgreSQL a cursor that fetches rows in
   * batches instead of loading the whole result.
   */
  private static <T> T snapshot(Connection connection, Transactions.Work<T> work) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      return work.run(connection);
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Which form an event belongs to, with bounded caches for the lookups a long export repeats. */
  private static final class FormResolver {
    private final Connection connection;
    private final Map<String, Optional<String>> leadForms = lru();
    private final Map<String, Set<String>> consentForms = lru();

    FormResolver(Connection connection) {
      this.connection = connection;
    }

    /** The form the event was captured through: its evidence, a form actor, or its lead. */
    Optional<String> direct(ConsentEvent event) throws SQLException {
      Optional<String> fromEvidence = event.evidence().map(e -> e.items().get(Evidence.FORM_ID));
      if (fromEvidence.isPresent()) {
        return fromEvidence;
      }
      if (event.actor().kind().equals("form")) {
        return Optional.of(event.actor().name());
      }
      if (event.leadId().isEmpty()) {
        return Optional.empty();
      }
      String leadId = event.leadId().get();
      Optional<String> known = leadForms.get(leadId);
      if (known == null) {
        known = ComplianceStore.formOfLead(connection, leadId);
        leadForms.put(leadId, known);
      }
      return known;
    }

    /** Whether the event is of {@code form}: captured through it, or ending a consent captured through it. */
    boolean belongsTo(ConsentEvent event, Optional<String> direct, String form) throws SQLException {
      if (direct.isPresent()) {
        return direct.get().equals(form);
      }
      String key = event.subjectKey() + ' ' + event.channel().id() + ' ' + event.purpose();
      Set<String> forms = consentForms.get(key);
      if (forms == null) {
        forms = ComplianceStore.formsOfConsent(connection, event.subjectKey(), event.channel(), event.purpose());
        consentForms.put(key, forms);
      }
      return forms.contains(form);
    }

    private static <V> Map<String, V> lru() {
      return new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
          return size() > CACHE_SIZE;
        }
      };
    }
  }
}
