package org.leadgate.outbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a batch of leads to the CRM adapter. An adapter that throws, or answers no result or the wrong number of
 * results, is treated as a passing failure of the whole batch, so a bug in one adapter cannot lose a lead.
 */
public final class HandOver {
  private static final Logger LOG = LoggerFactory.getLogger(HandOver.class);

  private HandOver() {}

  /** One result per delivery, in order. */
  public static List<DeliveryResult> deliverAll(CrmAdapter adapter, List<Delivery> deliveries) {
    if (deliveries.isEmpty()) {
      return List.of();
    }
    List<DeliveryResult> answered;
    try {
      answered = adapter.deliverAll(List.copyOf(deliveries));
    } catch (RuntimeException e) {
      LOG.warn("event=delivery.adapter_error leads={} error={}", deliveries.size(), e.getClass().getName());
      return Collections.nCopies(deliveries.size(),
          DeliveryResult.retry("the CRM adapter failed unexpectedly: " + e.getClass().getName()));
    }
    if (answered == null || answered.size() != deliveries.size()) {
      LOG.warn("event=delivery.adapter_error leads={} error=result_count", deliveries.size());
      return Collections.nCopies(deliveries.size(),
          DeliveryResult.retry("the CRM adapter answered " + (answered == null ? "no" : answered.size())
              + " results for " + deliveries.size() + " leads"));
    }
    List<DeliveryResult> results = new ArrayList<>(answered.size());
    for (DeliveryResult result : answered) {
      results.add(result == null ? DeliveryResult.retry("the CRM adapter returned no result") : result);
    }
    return results;
  }
}
