package org.leadgate.crm.salesforce.outbound;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One notification of an Outbound Message.
 *
 * @param id the notification id, Salesforce's key for at-least-once delivery
 * @param sObjectType the sObject's type without prefix ({@code Lead}), empty when the notification carries no sObject
 * @param fields the sObject's plain fields by API name, as text; nil fields are left out
 * @param xml the notification element, serialised on its own: the evidence kept with the lead
 */
record Notification(String id, String sObjectType, Map<String, String> fields, String xml) {
  Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sObjectType, "sObjectType");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    Objects.requireNonNull(xml, "xml");
  }

  Optional<String> field(String apiName) {
    return Optional.ofNullable(fields.get(apiName));
  }

  /** The record's id ({@code 00Q…} for a Lead). */
  Optional<String> recordId() {
    return field("Id");
  }

  /**
   * When the record last changed: its {@code LastModifiedDate}, else its {@code SystemModstamp}, when the message
   * carries one as a valid {@code xsd:dateTime}.
   */
  Optional<Instant> changedAt() {
    return field("LastModifiedDate").flatMap(Notification::instant)
        .or(() -> field("SystemModstamp").flatMap(Notification::instant));
  }

  private static Optional<Instant> instant(String dateTime) {
    try {
      return Optional.of(OffsetDateTime.parse(dateTime).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** False for a deleted record: Salesforce then sends no field values. */
  boolean hasData() {
    return fields.keySet().stream().anyMatch(name -> !name.equals("Id"));
  }
}
