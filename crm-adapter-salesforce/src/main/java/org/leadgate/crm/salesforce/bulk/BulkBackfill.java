package org.leadgate.crm.salesforce.bulk;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.leadgate.crm.salesforce.api.SalesforceApi;
import org.leadgate.crm.salesforce.collections.LeadWriter;
import org.leadgate.crm.salesforce.collections.RecordOutcome;
import org.leadgate.crm.salesforce.consent.ConsentObjects;
import org.leadgate.crm.salesforce.mapping.MappedDelivery;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;

/**
 * Writes a large run of leads with Bulk API 2.0 instead of sObject Collections: one upsert job by the external id
 * field for leads Salesforce does not know, one update job by Salesforce id for those it does. Each job is a handful
 * of calls (create, upload, close, polls, two result reads) whatever its size. Rows a duplicate rule refused go
 * through the collections path afterwards, where {@code crm.settings.duplicates} settles them (unless it is
 * {@code reject}); in consent {@code full} mode the consent objects follow in collections too.
 *
 * <p>Get it from {@code SalesforceAdapter#backfill()}; the adapter's {@code deliverAll} uses it by itself for runs
 * of at least {@code crm.settings.bulk.threshold} leads.
 */
public final class BulkBackfill {
  /** Waits between polls of a job; tests move a clock instead of sleeping. */
  @FunctionalInterface
  public interface Waiter {
    void await(Duration duration) throws InterruptedException;

    /** Sleeps the calling thread. */
    static Waiter sleeping() {
      return duration -> Thread.sleep(duration.toMillis());
    }
  }

  private final SalesforceApi api;
  private final BulkJob jobs;
  private final String externalIdField;
  private final Function<Delivery, MappedDelivery> mapping;
  private final LeadWriter leads;
  private final ConsentObjects consent;
  private final Optional<String> assignmentRuleId;

  /**
   * @param mapping how the adapter maps a delivery's lead (fields and consent flags)
   * @param leads the collections writer that settles duplicates
   * @param consent what follows a saved lead (consent objects in full mode)
   * @param autoAssign {@code crm.settings.autoAssign}: an assignment rule id applies to upsert jobs; {@code TRUE}
   *     cannot, as Bulk API 2.0 takes only a rule id
   */
  public BulkBackfill(SalesforceApi api, BulkSettings settings, String externalIdField,
      Function<Delivery, MappedDelivery> mapping, LeadWriter leads, ConsentObjects consent, String autoAssign,
      Clock clock, Waiter waiter) {
    this.api = api;
    this.jobs = new BulkJob(api, settings, clock, waiter);
    this.externalIdField = externalIdField;
    this.mapping = mapping;
    this.leads = leads;
    this.consent = consent;
    this.assignmentRuleId = Optional.of(autoAssign).filter(value -> value.startsWith("01Q"));
  }

  /** One result per delivery, in order, as {@code CrmAdapter#deliverAll} answers them. */
  public List<DeliveryResult> deliverAll(List<Delivery> deliveries) {
    Optional<DeliveryResult> paused = api.paused();
    if (paused.isPresent()) {
      return Collections.nCopies(deliveries.size(), paused.get());
    }
    List<MappedDelivery> batch = deliveries.stream().map(mapping).toList();
    RecordOutcome[] outcomes = new RecordOutcome[batch.size()];
    Map<String, Integer> creatable = new LinkedHashMap<>();
    Map<String, Integer> known = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      MappedDelivery delivery = batch.get(i);
      Optional<String> recordId = delivery.delivery().crmRecordId();
      Map<String, Integer> group = recordId.isPresent() ? known : creatable;
      if (group.putIfAbsent(recordId.orElse(delivery.leadId()), i) != null) {
        outcomes[i] = new RecordOutcome.Unsent(DeliveryResult.retry("the same lead twice in one bulk run"));
      }
    }
    run("upsert", externalIdField, creatable, batch, outcomes);
    run("update", "Id", known, batch, outcomes);
    resendDuplicates(batch, outcomes);
    return consent.settle(batch, List.of(outcomes));
  }

  private void run(String operation, String keyColumn, Map<String, Integer> indexByKey, List<MappedDelivery> batch,
      RecordOutcome[] outcomes) {
    if (indexByKey.isEmpty()) {
      return;
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    indexByKey.forEach((key, index) -> {
      MappedDelivery delivery = batch.get(index);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(keyColumn, key);
      row.putAll(operation.equals("upsert") ? delivery.mapped().forCreate() : delivery.mapped().fields());
      row.put(externalIdField, delivery.leadId());
      rows.add(row);
    });
    BulkJob.Ended ended = jobs.run(operation, keyColumn, rows,
        operation.equals("upsert") ? assignmentRuleId : Optional.empty());
    indexByKey.forEach((key, index) -> outcomes[index] = ended instanceof BulkJob.Ended.Finished finished
        ? finished.byKey().getOrDefault(key, new RecordOutcome.Unsent(
            DeliveryResult.retry("the bulk job did not process this lead")))
        : new RecordOutcome.Unsent(((BulkJob.Ended.Failed) ended).result()));
  }

  private void resendDuplicates(List<MappedDelivery> batch, RecordOutcome[] outcomes) {
    if (!leads.settlesDuplicates()) {
      return;
    }
    List<Integer> refused = new ArrayList<>();
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i] instanceof RecordOutcome.Refused found && found.duplicate().isPresent()) {
        refused.add(i);
      }
    }
    List<RecordOutcome> settled = leads.write(refused.stream().map(batch::get).toList());
    for (int k = 0; k < refused.size(); k++) {
      outcomes[refused.get(k)] = settled.get(k);
    }
  }
}
