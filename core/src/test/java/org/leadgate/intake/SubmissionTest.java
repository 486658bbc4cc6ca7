package org.leadgate.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The time a submission's values count as of. */
class SubmissionTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-24T09:00:00Z");

  private static Submission fromCrm(Optional<Instant> changedAt) {
    return new Submission("contact", RECEIVED, "application/json", "{}", Map.of(), Optional.empty(),
        Submission.RequestContext.NONE, Optional.of("00Q1"), changedAt);
  }

  @Test
  void valuesOfACrmChangeCountAsOfTheChangeWhenItPrecedesTheReceipt() {
    assertEquals(RECEIVED.minusSeconds(3600), fromCrm(Optional.of(RECEIVED.minusSeconds(3600))).valuesAt());
  }

  @Test
  void aChangeTimeNotBeforeTheReceiptCountsAsTheReceiptSoAClockAheadCannotMakeValuesNewerThanNew() {
    assertEquals(RECEIVED, fromCrm(Optional.of(RECEIVED.plusSeconds(30))).valuesAt());
    assertEquals(Optional.empty(), fromCrm(Optional.of(RECEIVED)).changedAt());
  }

  @Test
  void withoutAChangeTimeTheValuesCountAsOfTheReceipt() {
    assertEquals(RECEIVED, fromCrm(Optional.empty()).valuesAt());
    assertEquals(RECEIVED, new Submission("contact", RECEIVED, "application/x-www-form-urlencoded", "", Map.of(),
        Optional.empty()).valuesAt());
  }
}
