package org.leadgate.spi;

/**
 * Writes leads into one CRM. Built once per gateway by its {@link CrmAdapterFactory}; called from the delivery
 * worker, one delivery at a time per worker thread.
 *
 * <p>Expected outcomes, including a CRM that is down or rejects the lead, are returned as a {@link DeliveryResult};
 * an exception means a bug or an unexpected failure and is treated as retriable.
 */
public interface CrmAdapter extends AutoCloseable {
  DeliveryResult deliver(Delivery delivery);

  @Override
  default void close() {}
}
