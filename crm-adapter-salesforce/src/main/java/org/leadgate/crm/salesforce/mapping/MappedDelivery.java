package org.leadgate.crm.salesforce.mapping;

import java.util.Objects;
import org.leadgate.spi.Delivery;

/** A delivery with its lead mapped to Salesforce field values. */
public record MappedDelivery(Delivery delivery, MappedLead mapped) {
  public MappedDelivery {
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(mapped, "mapped");
  }

  public String leadId() {
    return delivery.lead().id();
  }
}
