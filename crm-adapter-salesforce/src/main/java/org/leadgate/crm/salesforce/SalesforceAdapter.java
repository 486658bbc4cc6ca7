package org.leadgate.crm.salesforce;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.leadgate.crm.salesforce.api.SalesforceApi;
import org.leadgate.crm.salesforce.auth.TokenSource;
import org.leadgate.crm.salesforce.bulk.BulkBackfill;
import org.leadgate.crm.salesforce.collections.LeadWriter;
import org.leadgate.crm.salesforce.collections.RecordOutcome;
import org.leadgate.crm.salesforce.consent.ConsentObjects;
import org.leadgate.crm.salesforce.mapping.MappedDelivery;
import org.leadgate.outbox.DeliveryWorker;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.spi.InboundHook;

/**
 * Writes leads to Salesforce: each batch from the delivery worker is mapped, upserted (or updated by Salesforce id)
 * with sObject Collections and, in consent full mode, followed by the consent objects. Runs of at least the bulk
 * threshold go through {@link BulkBackfill}. While the configured share of the daily API allowance is spent, every
 * lead is retried at the end of the pause without a call.
 */
public final class SalesforceAdapter implements CrmAdapter {
  private final SalesforceSettings settings;
  private final OkHttpClient http;
  private final TokenSource tokens;
  private final SalesforceApi api;
  private final Function<Delivery, MappedDelivery> mapping;
  private final LeadWriter leads;
  private final ConsentObjects consent;
  private final BulkBackfill backfill;
  private final List<InboundHook> hooks;

  SalesforceAdapter(SalesforceSettings settings, OkHttpClient http, TokenSource tokens, SalesforceApi api,
      Function<Delivery, MappedDelivery> mapping, LeadWriter leads, ConsentObjects consent, BulkBackfill backfill,
      List<InboundHook> hooks) {
    this.settings = settings;
    this.http = http;
    this.tokens = tokens;
    this.api = api;
    this.mapping = mapping;
    this.leads = leads;
    this.consent = consent;
    this.backfill = backfill;
    this.hooks = List.copyOf(hooks);
  }

  /** The Outbound Message webhook and the Web-to-Lead drop-in, where configured. */
  @Override
  public List<InboundHook> hooks() {
    return hooks;
  }

  @Override
  public DeliveryResult deliver(Delivery delivery) {
    return deliverAll(List.of(delivery)).get(0);
  }

  @Override
  public List<DeliveryResult> deliverAll(List<Delivery> deliveries) {
    if (deliveries.isEmpty()) {
      return List.of();
    }
    if (deliveries.size() >= settings.bulk().threshold()) {
      return backfill.deliverAll(deliveries);
    }
    Optional<DeliveryResult> paused = api.paused();
    if (paused.isPresent()) {
      return Collections.nCopies(deliveries.size(), paused.get());
    }
    List<MappedDelivery> batch = deliveries.stream().map(mapping).toList();
    List<RecordOutcome> outcomes = leads.write(batch);
    return consent.settle(batch, outcomes);
  }

  /** The Bulk API 2.0 path, for backfills of many leads at once. */
  public BulkBackfill backfill() {
    return backfill;
  }

  /**
   * A worker round's whole backlog in one call, up to {@link DeliveryWorker#MAX_BATCH}: written as collections of
   * {@code batch.size} records each, or as one Bulk API 2.0 job once the run reaches {@code bulk.threshold} (a
   * re-enrichment run that queued thousands of leads again).
   */
  @Override
  public int batchLimit() {
    return DeliveryWorker.MAX_BATCH;
  }

  @Override
  public Duration linger() {
    return settings.linger();
  }

  /** {@code flow}, {@code apiVersion}, {@code auth} (ok or why not), then the API allowance figures. */
  @Override
  public Map<String, Object> health() {
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("flow", settings.auth().flow().id());
    health.put("apiVersion", settings.apiVersion());
    health.put("auth", tokens.status());
    health.putAll(api.usage().health());
    return health;
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
