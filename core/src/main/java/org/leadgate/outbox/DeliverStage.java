package org.leadgate.outbox;

import org.leadgate.pipeline.Outcome;
import org.leadgate.pipeline.Stage;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage of delivery: hands the lead to the CRM adapter. An adapter that throws is treated as a passing
 * failure, so a bug in one adapter cannot lose a lead.
 */
public final class DeliverStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(DeliverStage.class);

  private final CrmAdapter adapter;
  private final String idempotencyKey;
  private final int attempt;

  public DeliverStage(CrmAdapter adapter, String idempotencyKey, int attempt) {
    this.adapter = adapter;
    this.idempotencyKey = idempotencyKey;
    this.attempt = attempt;
  }

  @Override
  public Outcome process(Chain chain) {
    DeliveryResult result;
    try {
      result = adapter.deliver(new Delivery(chain.lead(), idempotencyKey, attempt));
    } catch (RuntimeException e) {
      LOG.warn("event=delivery.adapter_error lead={} error={}", chain.lead().id(), e.getClass().getName());
      result = DeliveryResult.retry("the CRM adapter failed unexpectedly: " + e.getClass().getName());
    }
    if (result == null) {
      result = DeliveryResult.retry("the CRM adapter returned no result");
    }
    return new Outcome.CrmAnswered(result);
  }

  @Override
  public String toString() {
    return "DeliverStage";
  }
}
