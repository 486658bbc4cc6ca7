package org.leadgate.crm.salesforce.collections;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.crm.salesforce.api.SalesforceError;
import org.leadgate.crm.salesforce.mapping.MappedDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes leads to Salesforce Lead records: upserts by the external id field (value: the LeadGate lead id) for
 * leads Salesforce does not know, updates by Salesforce id for those it does, in separate collections. Records a
 * duplicate rule refuses are then settled by the {@link DuplicatePolicy}; an update of a known record that its
 * duplicate rule flags is resent with {@code allowSave} under {@code save} and {@code attach} alike, as the lead
 * already is that record.
 *
 * <p>Upserts carry the configured {@code Sforce-Auto-Assign}; updates of existing records send {@code FALSE}, so
 * that a write-back never takes a lead from its owner.
 */
public final class LeadWriter {
  private static final String DUPLICATE_RULE_HEADER = "Sforce-Duplicate-Rule-Header";
  static final String ALLOW_SAVE = "allowSave=true; includeRecordDetails=false; runAsCurrentUser=false";
  private static final String AUTO_ASSIGN = "Sforce-Auto-Assign";
  private static final Logger LOG = LoggerFactory.getLogger(LeadWriter.class);
  private static final String LEAD = "Lead";

  private final CollectionWriter writer;
  private final String externalIdField;
  private final DuplicatePolicy duplicates;
  private final String autoAssign;

  /** @param autoAssign the {@code Sforce-Auto-Assign} value for upserts: {@code TRUE}, {@code FALSE} or a rule id */
  public LeadWriter(CollectionWriter writer, String externalIdField, DuplicatePolicy duplicates, String autoAssign) {
    this.writer = writer;
    this.externalIdField = externalIdField;
    this.duplicates = duplicates;
    this.autoAssign = autoAssign;
  }

  /** Whether refused duplicates get a second chance ({@code save}, {@code attach}) rather than rejection. */
  public boolean settlesDuplicates() {
    return duplicates != DuplicatePolicy.REJECT;
  }

  /** One outcome per delivery, in order. */
  public List<RecordOutcome> write(List<MappedDelivery> batch) {
    RecordOutcome[] outcomes = new RecordOutcome[batch.size()];
    List<Integer> creatable = new ArrayList<>();
    Map<Integer, String> known = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      Optional<String> recordId = batch.get(i).delivery().crmRecordId();
      if (recordId.isPresent()) {
        known.put(i, recordId.get());
      } else {
        creatable.add(i);
      }
    }
    upsert(batch, creatable, Map.of(), outcomes);
    update(batch, known, Map.of(), outcomes);
    settleDuplicates(batch, outcomes);
    return Arrays.asList(outcomes);
  }

  private void settleDuplicates(List<MappedDelivery> batch, RecordOutcome[] outcomes) {
    if (!settlesDuplicates()) {
      return;
    }
    Map<String, String> allowSave = Map.of(DUPLICATE_RULE_HEADER, ALLOW_SAVE);
    List<Integer> resendCreatable = new ArrayList<>();
    Map<Integer, String> resendKnown = new LinkedHashMap<>();
    Map<Integer, String> attach = new LinkedHashMap<>();
    for (int i = 0; i < outcomes.length; i++) {
      Optional<SalesforceError> duplicate = outcomes[i] instanceof RecordOutcome.Refused refused
          ? refused.duplicate() : Optional.empty();
      if (duplicate.isEmpty()) {
        continue;
      }
      Optional<String> recordId = batch.get(i).delivery().crmRecordId();
      boolean saveAllowed = duplicate.get().duplicateSaveAllowed().orElse(true);
      if (recordId.isPresent() && saveAllowed) {
        resendKnown.put(i, recordId.get());
      } else if (recordId.isEmpty() && duplicates == DuplicatePolicy.SAVE && saveAllowed) {
        resendCreatable.add(i);
      } else if (recordId.isEmpty() && duplicates == DuplicatePolicy.ATTACH) {
        int index = i;
        duplicate.get().duplicateIds().stream().findFirst().ifPresent(id -> attach.put(index, id));
      }
    }
    upsert(batch, resendCreatable, allowSave, outcomes);
    update(batch, resendKnown, allowSave, outcomes);
    update(batch, attach, Map.of(), outcomes);
    int settled = resendCreatable.size() + resendKnown.size() + attach.size();
    if (settled > 0) {
      LOG.info("event=salesforce.duplicates policy={} resent={} attached={}", duplicates.id(),
          resendCreatable.size() + resendKnown.size(), attach.size());
    }
  }

  private void upsert(List<MappedDelivery> batch, List<Integer> indices, Map<String, String> headers,
      RecordOutcome[] outcomes) {
    List<ObjectNode> records = new ArrayList<>();
    for (int index : indices) {
      Map<String, Object> values = batch.get(index).mapped().forCreate();
      values.put(externalIdField, batch.get(index).leadId());
      records.add(CollectionRequest.record(LEAD, values));
    }
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(AUTO_ASSIGN, autoAssign);
    place(indices, writer.send(CollectionRequest.upsert(LEAD, externalIdField, records), all), outcomes);
  }

  /** Updates by Salesforce id; the record also gets the external id, so that later upserts find it. */
  private void update(List<MappedDelivery> batch, Map<Integer, String> recordIds, Map<String, String> headers,
      RecordOutcome[] outcomes) {
    List<ObjectNode> records = new ArrayList<>();
    recordIds.forEach((index, id) -> {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("Id", id);
      values.putAll(batch.get(index).mapped().fields());
      values.put(externalIdField, batch.get(index).leadId());
      records.add(CollectionRequest.record(LEAD, values));
    });
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(AUTO_ASSIGN, "FALSE");
    place(List.copyOf(recordIds.keySet()), writer.send(CollectionRequest.update(records), all), outcomes);
  }

  private static void place(List<Integer> indices, List<RecordOutcome> answered, RecordOutcome[] outcomes) {
    for (int i = 0; i < indices.size(); i++) {
      outcomes[indices.get(i)] = answered.get(i);
    }
  }
}
