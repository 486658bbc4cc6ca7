package org.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigLoader;
import org.leadgate.config.GatewayConfig;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.pipeline.Outcome;
import org.leadgate.storage.LeadStore;
import org.leadgate.testing.MutableClock;

/**
 * A whole gateway on SQLite with the log target. Its delivery worker runs in the background, so these tests only
 * assert what does not depend on when it runs: what was stored, counted over all outbox states.
 */
class GatewayTest {
  @TempDir
  Path dataDirectory;

  private final MutableClock clock = MutableClock.atFixedStart();
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private GatewayConfig config(String crmAdapter) throws IOException {
    String yaml = """
        dataDirectory: %s
        crm:
          adapter: %s
        forms:
          - id: contact
            fields:
              - { name: name, type: text }
              - { name: email, type: email, required: true }
        """.formatted(dataDirectory, crmAdapter);
    return new ConfigLoader(Map.<String, String>of()::get)
        .parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
  }

  private Gateway start() throws IOException {
    gateway = Gateway.start(config("log"), getClass().getClassLoader(), clock);
    return gateway;
  }

  private Submission submission(String formId, String email, Optional<String> key) {
    return new Submission(formId, clock.instant(), "application/x-www-form-urlencoded", "email=" + email,
        Map.of("email", List.of(email), "name", List.of("  Ada   Lovelace ")), key);
  }

  private long storedLeads() {
    LeadStore.OutboxCounts counts = gateway.readiness().outbox().orElseThrow();
    return counts.pending() + counts.delivered() + counts.dead();
  }

  @Test
  void validSubmissionIsAcceptedAndStored() throws IOException {
    start();

    Outcome outcome = gateway.submit(submission("contact", "ada@example.de", Optional.empty()));

    assertFalse(assertInstanceOf(Outcome.Accepted.class, outcome).replayed());
    assertTrue(gateway.readiness().storageReachable());
    assertEquals(1, storedLeads());
  }

  @Test
  void sameIdempotencyKeyTwiceIsStoredOnce() throws IOException {
    start();

    Outcome first = gateway.submit(submission("contact", "ada@example.de", Optional.of("k-1")));
    Outcome second = gateway.submit(submission("contact", "ada@example.de", Optional.of("k-1")));

    assertEquals(new Outcome.Accepted(((Outcome.Accepted) first).leadId(), true), second);
    assertEquals(1, storedLeads());
  }

  @Test
  void invalidSubmissionIsAnsweredWithItsProblemsAndNothingIsStored() throws IOException {
    start();

    Outcome outcome = gateway.submit(submission("contact", "not-an-email", Optional.empty()));

    assertEquals(new Outcome.Invalid(List.of(new FieldProblem("email", "is not a valid email address"))), outcome);
    assertEquals(0, storedLeads());
  }

  @Test
  void checkFindsTheProblemsSubmitWouldAnswerWithoutStoringAnything() throws IOException {
    start();

    assertEquals(List.of(new FieldProblem("email", "is not a valid email address")),
        gateway.check(submission("contact", "not-an-email", Optional.empty())));
    assertEquals(List.of(), gateway.check(submission("contact", "ada@example.de", Optional.empty())));
    assertEquals(0, storedLeads());
    assertThrows(IllegalArgumentException.class,
        () -> gateway.check(submission("nope", "ada@example.de", Optional.empty())));
  }

  @Test
  void deliveryLogIsEmptyForAStoredLeadAndAbsentForAnUnknownOne() throws IOException {
    start();
    Outcome.Accepted accepted = (Outcome.Accepted) gateway.submit(
        submission("contact", "ada@example.de", Optional.empty()));

    assertTrue(gateway.deliveries(accepted.leadId()).isPresent());
    assertEquals(Optional.empty(), gateway.deliveries("00000000-0000-0000-0000-000000000000"));
  }

  @Test
  void submissionToAnUnknownFormIsRefused() throws IOException {
    start();

    assertThrows(IllegalArgumentException.class,
        () -> gateway.submit(submission("nope", "ada@example.de", Optional.empty())));
  }

  @Test
  void replayOfALeadThatIsNoDeadLetterIsRefused() throws IOException {
    start();
    Outcome.Accepted accepted = (Outcome.Accepted) gateway.submit(
        submission("contact", "ada@example.de", Optional.empty()));

    assertFalse(gateway.replay(accepted.leadId()));
    assertFalse(gateway.replay("no-such-lead"));
    assertEquals(List.of(), gateway.deadLetters(10));
  }

  @Test
  void unknownCrmAdapterStopsStartupAtCrmAdapter() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Gateway.start(config("salesfarce"), getClass().getClassLoader(), clock));

    assertEquals("crm.adapter", e.key());
  }
}
