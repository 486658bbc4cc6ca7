package org.leadgate.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;

/**
 * A CRM adapter for tests: answers each delivery with the next scripted answer (a {@link DeliveryResult}, or a
 * {@link RuntimeException} to throw) and records every delivery it was handed. When the script runs out it keeps
 * answering the fallback (by default: delivered, with a CRM id derived from the lead id).
 */
public final class FakeCrmAdapter implements CrmAdapter {
  /** Stands for a scripted {@code null} answer, which an {@link ArrayDeque} cannot hold. */
  private static final Object NO_ANSWER = new Object();

  private final Deque<Object> script = new ArrayDeque<>();
  private final List<Delivery> deliveries = new ArrayList<>();
  private Function<Delivery, DeliveryResult> fallback = d -> DeliveryResult.delivered("crm-" + d.lead().id());
  private boolean closed;

  /** Queues answers for the next deliveries, in order; a {@code null} answer is returned as null. */
  public synchronized FakeCrmAdapter answer(DeliveryResult... results) {
    for (DeliveryResult result : results) {
      script.add(result == null ? NO_ANSWER : result);
    }
    return this;
  }

  /** Queues an exception for the next delivery. */
  public synchronized FakeCrmAdapter fail(RuntimeException exception) {
    script.add(exception);
    return this;
  }

  /** What to answer once the script is used up. */
  public synchronized FakeCrmAdapter otherwise(Function<Delivery, DeliveryResult> answer) {
    this.fallback = answer;
    return this;
  }

  @Override
  public synchronized DeliveryResult deliver(Delivery delivery) {
    deliveries.add(delivery);
    Object next = script.poll();
    if (next == null) {
      return fallback.apply(delivery);
    }
    if (next == NO_ANSWER) {
      return null;
    }
    if (next instanceof RuntimeException exception) {
      throw exception;
    }
    return (DeliveryResult) next;
  }

  /** Every delivery handed to this adapter, in order. */
  public synchronized List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** The deliveries of one lead, in order. */
  public synchronized List<Delivery> deliveriesOf(String leadId) {
    return deliveries.stream().filter(d -> d.lead().id().equals(leadId)).toList();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  public synchronized boolean isClosed() {
    return closed;
  }
}
