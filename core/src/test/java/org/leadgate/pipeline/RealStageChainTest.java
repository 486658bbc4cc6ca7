package org.leadgate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;

class RealStageChainTest {
  private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
  private static final Lead LEAD = new Lead("lead-1", "contact", NOW,
      Map.of("email", new FieldValue("ada@example.de", Provenance.typed("contact", NOW))));

  private final List<String> ran = new ArrayList<>();

  /** A stage that records its name and proceeds with the lead unchanged. */
  private Stage passing(String name) {
    return named(name, chain -> {
      ran.add(name);
      return chain.proceed(chain.lead());
    });
  }

  /** A terminal stage that records its name and the lead it saw. */
  private Stage terminal(List<Lead> seen) {
    return named("terminal", chain -> {
      ran.add("terminal");
      seen.add(chain.lead());
      return new Outcome.Accepted(chain.lead().id(), false);
    });
  }

  private static Stage named(String name, Stage stage) {
    return new Stage() {
      @Override
      public Outcome process(Chain chain) {
        return stage.process(chain);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  @Test
  void stagesRunInOrderAndTheTerminalAnswerIsReturned() {
    List<Lead> seen = new ArrayList<>();

    Outcome outcome = RealStageChain.run(List.of(passing("a"), passing("b"), terminal(seen)), LEAD);

    assertEquals(new Outcome.Accepted("lead-1", false), outcome);
    assertEquals(List.of("a", "b", "terminal"), ran);
    assertEquals(List.of(LEAD), seen);
  }

  @Test
  void stageCallingProceedTwiceIsRefused() {
    List<Lead> seen = new ArrayList<>();
    Stage twice = named("twice", chain -> {
      chain.proceed(chain.lead());
      return chain.proceed(chain.lead());
    });

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RealStageChain.run(List.of(twice, terminal(seen)), LEAD));

    assertTrue(e.getMessage().contains("at most once"), e.getMessage());
    assertTrue(e.getMessage().contains("twice"), "names the offending stage: " + e.getMessage());
    assertEquals(1, seen.size(), "the later stage ran only once");
  }

  @Test
  void stageReturningNullIsRefused() {
    Stage returnsNull = named("returns-null", chain -> null);

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RealStageChain.run(List.of(passing("a"), returnsNull), LEAD));

    assertTrue(e.getMessage().contains("returns-null"), e.getMessage());
    assertTrue(e.getMessage().contains("null"), e.getMessage());
  }

  @Test
  void terminalStageCallingProceedIsRefused() {
    Stage proceedsAtTheEnd = named("last", chain -> chain.proceed(chain.lead()));

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RealStageChain.run(List.of(passing("a"), proceedsAtTheEnd), LEAD));

    assertTrue(e.getMessage().contains("last"), e.getMessage());
  }

  @Test
  void emptyPipelineIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RealStageChain.run(List.of(), LEAD));
  }

  @Test
  void shortCircuitingStageStopsTheLaterStages() {
    List<Lead> seen = new ArrayList<>();
    Outcome.Invalid refusal = new Outcome.Invalid(List.of(new FieldProblem("email", "is required")));
    Stage refusing = named("refusing", chain -> {
      ran.add("refusing");
      return refusal;
    });

    Outcome outcome = RealStageChain.run(List.of(passing("a"), refusing, passing("b"), terminal(seen)), LEAD);

    assertEquals(refusal, outcome);
    assertEquals(List.of("a", "refusing"), ran);
    assertEquals(List.of(), seen);
  }

  @Test
  void stageCanReplaceTheLeadSeenByLaterStages() {
    List<Lead> seen = new ArrayList<>();
    FieldValue company = new FieldValue("ACME", Provenance.typed("contact", NOW));
    Stage enriching = named("enriching", chain -> chain.proceed(chain.lead().withField("company", company)));
    List<Lead> seenInBetween = new ArrayList<>();
    Stage observing = named("observing", chain -> {
      seenInBetween.add(chain.lead());
      return chain.proceed(chain.lead());
    });

    RealStageChain.run(List.of(observing, enriching, terminal(seen)), LEAD);

    assertEquals(LEAD, seenInBetween.get(0), "earlier stages see the original lead");
    assertEquals("ACME", seen.get(0).value("company").orElseThrow());
    assertEquals("ada@example.de", seen.get(0).value("email").orElseThrow());
    assertEquals(1, LEAD.fields().size(), "the original lead is unchanged");
  }

  @Test
  void stageCanActOnTheOutcomeOfTheLaterStages() {
    Stage wrapping = named("wrapping", chain -> {
      Outcome later = chain.proceed(chain.lead());
      return later instanceof Outcome.Accepted accepted ? new Outcome.Accepted(accepted.leadId(), true) : later;
    });

    Outcome outcome = RealStageChain.run(List.of(wrapping, terminal(new ArrayList<>())), LEAD);

    assertEquals(new Outcome.Accepted("lead-1", true), outcome);
  }
}
