package org.leadgate.crm.salesforce.mapping;

import java.util.Objects;

/** A value cut to its Salesforce field's length: {@code from} characters down to {@code to}. */
public record Truncation(String field, int from, int to) {
  public Truncation {
    Objects.requireNonNull(field, "field");
  }
}
