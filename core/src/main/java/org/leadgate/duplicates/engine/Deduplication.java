package org.leadgate.duplicates.engine;

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
import java.util.UUID;
import org.leadgate.config.FieldConfig;
import org.leadgate.config.FieldType;
import org.leadgate.config.GatewayConfig;
import org.leadgate.duplicates.MatchKeys;
import org.leadgate.duplicates.Merged;
import org.leadgate.duplicates.ProfileMerge;
import org.leadgate.lead.Lead;
import org.leadgate.outbox.DeliveryWorker;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.StorageUnavailableException;
import org.leadgate.storage.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a new lead's earlier lead of the same person and merges it in (progressive profiling), as a step of the
 * delivery worker's preparation, after enrichment and before the CRM, in one transaction per round:
 *
 * <ul>
 *   <li>only leads on their first attempt are looked at; a lead the CRM has seen is never merged away;</li>
 *   <li>a lead whose match keys (the CRM record it came from; the address; with the fuzzy rule, name + company +
 *       phone) belong to no other lead takes them and goes on; otherwise it is merged into the owner of its first
 *       key ({@link ProfileMerge}), its outbox row says {@code merged}, and the owner is delivered again with the
 *       merged fields (or, when it is in the same round, instead of its older version) so the CRM sees one record:
 *       an owner without a CRM record takes the merged lead's, so it updates that record instead of creating
 *       another; leads from two different CRM records are never merged;</li>
 *   <li>behaviour events move with the merge; the owner's consent subjects follow the address the merged lead
 *       carries, so consent is read per address and never widened: a grant for one address does not cover
 *       another;</li>
 *   <li>every merge is recorded and an admin can undo it ({@link #undo}).</li>
 * </ul>
 */
public final class Deduplication implements DeliveryWorker.Preparation {
  private static final Logger LOG = LoggerFactory.getLogger(Deduplication.class);

  private final GatewayConfig config;
  private final MatchKeys matchKeys;
  private final Transactions transactions;
  private final LeadStore leads;
  private final Clock clock;

  public Deduplication(GatewayConfig config, Transactions transactions, LeadStore leads, Clock clock) {
    this.config = config;
    this.matchKeys = new MatchKeys(config.duplicates());
    this.transactions = transactions;
    this.leads = leads;
    this.clock = clock;
  }

  /**
   * A stored merge.
   *
   * @param matchedOn the kind of key that matched: {@code crm}, {@code email} or {@code person}
   */
  public record MergeRecord(String id, String intoLead, String fromLead, Instant at, String matchedOn,
      Merged merged, Optional<Instant> undoneAt) {}

  /** What became of an undo. */
  public sealed interface UndoOutcome {
    /** Undone: both leads are queued for delivery, each as its own record. */
    record Undone(String intoLead, String fromLead) implements UndoOutcome {}

    record NotFound() implements UndoOutcome {}

    record AlreadyUndone(Instant at) implements UndoOutcome {}
  }

  @Override
  public Plan plan(List<LeadStore.PendingDelivery> due) {
    return new Plan() {
      @Override
      public Duration allowance() {
        return Duration.ZERO;
      }

      @Override
      public List<LeadStore.PendingDelivery> prepare(List<LeadStore.PendingDelivery> claimed) throws SQLException {
        if (!config.duplicates().enabled()
            || claimed.stream().noneMatch(p -> p.attempts() == 0 && p.revision() == 0)) {
          return claimed;
        }
        return transactions.write(connection -> deduplicate(connection, claimed));
      }
    };
  }

  private List<LeadStore.PendingDelivery> deduplicate(Connection connection, List<LeadStore.PendingDelivery> claimed)
      throws SQLException {
    Instant now = clock.instant();
    Map<String, LeadStore.PendingDelivery> kept = new LinkedHashMap<>();
    claimed.forEach(pending -> kept.put(pending.lead().id(), pending));
    List<String> requeue = new ArrayList<>();
    try (KeyIndex index = new KeyIndex(connection)) {
      for (LeadStore.PendingDelivery pending : claimed) {
        if (pending.attempts() == 0 && pending.revision() == 0) {
          lookUp(connection, index, pending, kept, requeue, now);
        }
      }
    }
    leads.requeue(connection, requeue, now);
    return List.copyOf(kept.values());
  }

  /**
   * Takes the lead's keys when nobody has them, or merges it into the lead that has its first key, unless the two
   * came from different CRM records (two records of one person in the CRM stay two); keeps {@code kept} (the round's
   * leads to deliver) and {@code requeue} (merged-into leads outside the round) up to date.
   */
  private void lookUp(Connection connection, KeyIndex index, LeadStore.PendingDelivery pending,
      Map<String, LeadStore.PendingDelivery> kept, List<String> requeue, Instant now) throws SQLException {
    Lead lead = pending.lead();
    List<String> keys = new ArrayList<>();
    pending.crmRecordId().map(MatchKeys::crmRecord).ifPresent(keys::add);
    keys.addAll(matchKeys.keys(lead, fieldOf(lead, FieldType.EMAIL).orElse("")));
    List<String> hashes = keys.stream().map(DuplicateStore::hash).toList();
    Map<String, String> owners = index.owners(hashes);
    Optional<Integer> match = firstOwnedByOther(hashes, owners, lead.id());
    String intoId = match.map(i -> owners.get(hashes.get(i))).orElse(null);
    LeadStore.PendingDelivery inRound = intoId == null ? null : kept.get(intoId);
    Optional<Lead> into = intoId == null ? Optional.empty()
        : inRound != null ? Optional.of(inRound.lead()) : DuplicateStore.lead(connection, intoId);
    if (into.isEmpty() || ofAnotherCrmRecord(connection, pending, intoId, inRound)) {
      DuplicateStore.own(connection, hashes, lead.id());
      return;
    }
    String matchedKey = keys.get(match.orElseThrow());
    Merged merged = merge(connection, into.get(), pending, hashes, owners,
        matchedKey.substring(0, matchedKey.indexOf(':')), now);
    kept.remove(lead.id());
    if (inRound != null) {
      kept.put(intoId, new LeadStore.PendingDelivery(merged.lead(), inRound.attempts(), inRound.revision(),
          inRound.crmRecordId().or(pending::crmRecordId)));
    } else {
      requeue.add(intoId);
    }
  }

  /** Whether the lead came from a CRM record and the owner of its key is bound to another record. */
  private static boolean ofAnotherCrmRecord(Connection connection, LeadStore.PendingDelivery pending, String ownerId,
      LeadStore.PendingDelivery ownerInRound) throws SQLException {
    if (pending.crmRecordId().isEmpty()) {
      return false;
    }
    Optional<String> ownerRecord = ownerInRound != null ? ownerInRound.crmRecordId()
        : DuplicateStore.crmRecordOf(connection, ownerId);
    boolean another = ownerRecord.isPresent() && !ownerRecord.equals(pending.crmRecordId());
    if (another) {
      LOG.info("event=duplicates.kept_apart lead={} owner={} reason=another_crm_record", pending.lead().id(),
          ownerId);
    }
    return another;
  }

  private static Optional<Integer> firstOwnedByOther(List<String> hashes, Map<String, String> owners, String leadId) {
    for (int i = 0; i < hashes.size(); i++) {
      String owner = owners.get(hashes.get(i));
      if (owner != null && !owner.equals(leadId)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /**
   * Merges {@code pending}'s lead into {@code into}, which takes the keys nobody has and those the merged lead took
   * in an earlier round (so no key stays with a merged lead, where later leads would be merged out of sight), and
   * its CRM record when it has none.
   */
  private Merged merge(Connection connection, Lead into, LeadStore.PendingDelivery pending, List<String> hashes,
      Map<String, String> owners, String matchedOn, Instant now) throws SQLException {
    Lead from = pending.lead();
    Merged merged = ProfileMerge.merge(into, from, now);
    DuplicateStore.saveFields(connection, merged.lead());
    List<String> unowned = hashes.stream().filter(hash -> !owners.containsKey(hash)).toList();
    List<String> fromOwned = DuplicateStore.keysOf(connection, from.id());
    DuplicateStore.own(connection, unowned, into.id());
    DuplicateStore.reassign(connection, fromOwned, from.id(), into.id());
    List<String> movedKeys = new ArrayList<>(unowned);
    movedKeys.addAll(fromOwned);
    String adopted = pending.crmRecordId().isPresent()
        && DuplicateStore.adoptCrmRecord(connection, into.id(), pending.crmRecordId().get())
        ? pending.crmRecordId().get() : null;
    List<String> events = DuplicateStore.events(connection, from.id());
    DuplicateStore.moveEvents(connection, events, into.id());
    Map<String, List<String>> subjectsBefore = followAddresses(connection, into, from, merged);
    DuplicateStore.markMerged(connection, from.id(), now);
    DuplicateStore.insert(connection, new DuplicateStore.MergeRow(UUID.randomUUID().toString(), into.id(),
        from.id(), now, matchedOn, merged.replaced(), merged.added(), merged.conflicts(),
        new DuplicateStore.Moved(movedKeys, events, subjectsBefore, adopted), Optional.empty()));
    LOG.info("event=duplicates.merged into={} from={} matched_on={} added={} replaced={} conflicts={}", into.id(),
        from.id(), matchedOn, merged.added().size(), merged.replaced().size(), merged.conflicts().size());
    return merged;
  }

  /**
   * Where the merged lead's email or phone now holds the address the new lead brought, links the lead to that
   * address's consent subject instead of its old one; answers the links it replaced, by kind.
   */
  private Map<String, List<String>> followAddresses(Connection connection, Lead into, Lead from, Merged merged)
      throws SQLException {
    Map<String, List<String>> before = new HashMap<>();
    for (FieldType type : List.of(FieldType.EMAIL, FieldType.PHONE)) {
      Optional<String> field = fieldOf(into, type);
      if (field.isEmpty()
          || !(merged.added().contains(field.get()) || merged.replaced().containsKey(field.get()))) {
        continue;
      }
      String kind = type.name();
      before.put(kind, DuplicateStore.subjects(connection, into.id(), kind));
      DuplicateStore.linkSubjects(connection, into.id(), kind, DuplicateStore.subjects(connection, from.id(), kind));
    }
    return before;
  }

  private Optional<String> fieldOf(Lead lead, FieldType type) {
    return config.form(lead.formId()).flatMap(form -> form.firstOfType(type)).map(FieldConfig::name);
  }

  /**
   * The merges into or from a lead, oldest first.
   *
   * @throws StorageUnavailableException if storage cannot be read
   */
  public List<MergeRecord> mergesOf(String leadId) {
    return storage("cannot read the merges of " + leadId, () -> transactions.read(connection -> {
      List<MergeRecord> records = new ArrayList<>();
      for (DuplicateStore.MergeRow row : DuplicateStore.mergesOf(connection, leadId)) {
        records.add(new MergeRecord(row.id(), row.intoLead(), row.fromLead(), row.at(), row.matchedOn(),
            row.asMerged(DuplicateStore.lead(connection, row.intoLead()).orElseThrow()), row.undoneAt()));
      }
      return records;
    }));
  }

  /**
   * Undoes a merge: the lead it went into gets back the values it had where they still hold what the merge
   * brought, its keys, events and consent links go back, and both leads are queued for delivery (the merged one
   * as a record of its own). An undone merge is not made again: the lead is no longer on its first attempt.
   *
   * @throws StorageUnavailableException if storage cannot be written
   */
  public UndoOutcome undo(String mergeId) {
    Instant now = clock.instant();
    return storage("cannot undo merge " + mergeId, () -> transactions.write(connection -> {
      Optional<DuplicateStore.MergeRow> found = DuplicateStore.merge(connection, mergeId);
      if (found.isEmpty()) {
        return new UndoOutcome.NotFound();
      }
      DuplicateStore.MergeRow row = found.get();
      if (row.undoneAt().isPresent()) {
        return new UndoOutcome.AlreadyUndone(row.undoneAt().get());
      }
      Lead into = DuplicateStore.lead(connection, row.intoLead()).orElseThrow();
      Lead from = DuplicateStore.lead(connection, row.fromLead()).orElseThrow();
      DuplicateStore.saveFields(connection, ProfileMerge.undo(into, from, row.asMerged(into)));
      DuplicateStore.reassign(connection, row.moved().keys(), row.intoLead(), row.fromLead());
      if (row.moved().adoptedCrmRecord() != null) {
        DuplicateStore.dropCrmRecord(connection, row.intoLead(), row.moved().adoptedCrmRecord());
      }
      DuplicateStore.moveEvents(connection, row.moved().events(), row.fromLead());
      for (Map.Entry<String, List<String>> links : row.moved().subjectsBefore().entrySet()) {
        DuplicateStore.linkSubjects(connection, row.intoLead(), links.getKey(), links.getValue());
      }
      DuplicateStore.unmerge(connection, row.fromLead(), now);
      leads.requeue(connection, List.of(row.intoLead()), now);
      DuplicateStore.markUndone(connection, mergeId, now);
      LOG.info("event=duplicates.undone merge={} into={} from={}", mergeId, row.intoLead(), row.fromLead());
      return new UndoOutcome.Undone(row.intoLead(), row.fromLead());
    }));
  }

  private interface StorageWork<T> {
    T run() throws SQLException;
  }

  private static <T> T storage(String failure, StorageWork<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new StorageUnavailableException(failure, e);
    }
  }

  /** Forgets a lead's match keys and merge records, in the erasing transaction. */
  public static void forget(Connection connection, String leadId) throws SQLException {
    DuplicateStore.forget(connection, leadId);
  }
}
