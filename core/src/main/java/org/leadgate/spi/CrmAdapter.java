package org.leadgate.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes leads into one CRM. Built once per gateway by its {@link CrmAdapterFactory}; called from the delivery
 * worker, one delivery (or one batch of up to {@link #batchLimit()} deliveries) at a time.
 *
 * <p>Expected outcomes, including a CRM that is down or rejects the lead, are returned as a {@link DeliveryResult};
 * an exception means a bug or an unexpected failure and is treated as retriable.
 */
public interface CrmAdapter extends AutoCloseable {
  DeliveryResult deliver(Delivery delivery);

  /**
   * Delivers up to {@link #batchLimit()} leads, answering one result per delivery in the same order. CRMs with a
   * batch API send them in one request; the default delivers them one by one.
   */
  default List<DeliveryResult> deliverAll(List<Delivery> deliveries) {
    List<DeliveryResult> results = new ArrayList<>(deliveries.size());
    for (Delivery delivery : deliveries) {
      results.add(deliver(delivery));
    }
    return results;
  }

  /**
   * The most deliveries {@link #deliverAll} takes at once: 1 for CRMs without a batch API; at most
   * {@value org.leadgate.outbox.DeliveryWorker#MAX_BATCH}. A round of the delivery worker hands over up to this many
   * (at least 200), so an adapter with a bulk API sees a large backlog (a re-enrichment run) in one call.
   */
  default int batchLimit() {
    return 1;
  }

  /**
   * How long the delivery worker may hold back fresh leads to fill a batch (never leads that are older, and never
   * more than a full batch); zero sends at once.
   */
  default Duration linger() {
    return Duration.ZERO;
  }

  /** HTTP endpoints this CRM calls or posts to (webhooks, drop-in form targets), served by the web application. */
  default List<InboundHook> hooks() {
    return List.of();
  }

  /** What the readiness check shows of this adapter (for example API allowance used), as JSON-friendly values. */
  default Map<String, Object> health() {
    return Map.of();
  }

  @Override
  default void close() {}
}
