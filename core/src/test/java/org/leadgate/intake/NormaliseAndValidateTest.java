package org.leadgate.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadgate.config.FieldConfig;
import org.leadgate.config.FieldType;
import org.leadgate.config.FormConfig;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.pipeline.Outcome;
import org.leadgate.pipeline.RealStageChain;
import org.leadgate.pipeline.Stage;

/** The intake stages as they run in a real chain, in front of a terminal stage that records what reached it. */
class NormaliseAndValidateTest {
  private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
  private static final Provenance TYPED = Provenance.typed("contact", NOW);

  private static final FormConfig FORM = new FormConfig("contact", "Contact", List.of(
      new FieldConfig("name", "Name", FieldType.TEXT, false, 40),
      new FieldConfig("email", "Email", FieldType.EMAIL, true, 254),
      new FieldConfig("phone", "Phone", FieldType.PHONE, false, 30),
      new FieldConfig("message", "Message", FieldType.TEXTAREA, false, 20),
      new FieldConfig("company", "Company", FieldType.TEXT, true, 255)),
      "/thanks", List.of(), List.of(), FormConfig.Audience.UNKNOWN, java.util.Optional.empty(),
      java.util.Optional.empty(), java.util.Optional.empty());

  /** The lead that reached the terminal stage, or null if none did. */
  private Lead reached;

  private final Stage terminal = chain -> {
    reached = chain.lead();
    return new Outcome.Accepted(chain.lead().id(), false);
  };

  private static Lead lead(String... namesAndValues) {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put(namesAndValues[i], new FieldValue(namesAndValues[i + 1], TYPED));
    }
    return new Lead("lead-1", "contact", NOW, fields);
  }

  private Lead normalised(Lead lead) {
    Outcome outcome = RealStageChain.run(List.of(new NormaliseStage(FORM), terminal), lead);
    assertEquals(new Outcome.Accepted("lead-1", false), outcome);
    return reached;
  }

  private Outcome validated(Lead lead) {
    return RealStageChain.run(List.of(new NormaliseStage(FORM), new ValidateStage(FORM), terminal), lead);
  }

  private List<FieldProblem> problems(Lead lead) {
    Outcome outcome = validated(lead);
    assertNull(reached, "an invalid lead must not reach the later stages");
    return assertInstanceOf(Outcome.Invalid.class, outcome).problems();
  }

  // --- normalise --------------------------------------------------------------------------------------------------

  @Test
  void whitespaceInTextFieldsIsFoldedAndTrimmed() {
    Lead lead = normalised(lead("name", "  Ada \t  Lovelace\r\n ", "company", "ACME\n\tGmbH "));

    assertEquals("Ada Lovelace", lead.value("name").orElseThrow());
    assertEquals("ACME GmbH", lead.value("company").orElseThrow());
  }

  @Test
  void emailDomainIsLowerCasedButTheLocalPartIsKept() {
    Lead lead = normalised(lead("email", " Ada.Lovelace@Example.COM "));

    assertEquals("Ada.Lovelace@example.com", lead.value("email").orElseThrow());
  }

  @Test
  void textareaKeepsLineBreaksButFoldsOtherWhitespace() {
    Lead lead = normalised(lead("message", "  Hello \r\n  world\t\tagain \n\nbye  "));

    assertEquals("Hello\nworld again\n\nbye", lead.value("message").orElseThrow());
  }

  @Test
  void decomposedUmlautsAreComposed() {
    Lead lead = normalised(lead("name", "Mu\u0308ller"));

    assertEquals("M\u00fcller", lead.value("name").orElseThrow());
  }

  @Test
  void normalisingKeepsProvenanceIdAndFieldOrder() {
    Lead lead = normalised(lead("company", " ACME ", "name", " Ada ", "email", "a@B.de"));

    assertEquals(List.of("company", "name", "email"), List.copyOf(lead.fields().keySet()));
    assertEquals(TYPED, lead.fields().get("name").provenance());
    assertEquals("lead-1", lead.id());
    assertEquals(NOW, lead.receivedAt());
  }

  // --- validate ---------------------------------------------------------------------------------------------------

  @Test
  void validLeadProceedsToTheNextStage() {
    Outcome outcome = validated(lead("name", "Ada", "email", "ada@example.de", "phone", "+49 (221) 123-456",
        "message", "Hi\nthere", "company", "ACME"));

    assertEquals(new Outcome.Accepted("lead-1", false), outcome);
    assertEquals("ada@example.de", reached.value("email").orElseThrow());
  }

  @Test
  void missingRequiredFieldIsRequired() {
    assertEquals(List.of(new FieldProblem("email", "is required")),
        problems(lead("company", "ACME")));
  }

  @Test
  void requiredFieldOfOnlyWhitespaceIsRequired() {
    assertEquals(List.of(new FieldProblem("company", "is required")),
        problems(lead("email", "ada@example.de", "company", " \t ")));
  }

  @Test
  void valueLongerThanMaxLengthIsTooLong() {
    assertEquals(List.of(new FieldProblem("message", "must be at most 20 characters long")),
        problems(lead("email", "ada@example.de", "company", "ACME", "message", "x".repeat(21))));
  }

  @Test
  void lengthIsCountedInCharactersNotUtf16Units() {
    Outcome outcome = validated(lead("email", "ada@example.de", "company", "ACME",
        "message", "\uD83D\uDE00".repeat(20)));

    assertInstanceOf(Outcome.Accepted.class, outcome);
  }

  @Test
  void malformedEmailIsRefused() {
    for (String email : List.of("ada", "ada@", "ada@localhost", "ada@@example.de", "a da@example.de")) {
      reached = null;
      assertEquals(List.of(new FieldProblem("email", "is not a valid email address")),
          problems(lead("email", email, "company", "ACME")), email);
    }
  }

  @Test
  void malformedPhoneIsRefused() {
    for (String phone : List.of("call me", "12-34", "+49 221 abc 123", "((((()))))")) {
      reached = null;
      assertEquals(List.of(new FieldProblem("phone", "is not a valid phone number")),
          problems(lead("email", "ada@example.de", "company", "ACME", "phone", phone)), phone);
    }
  }

  @Test
  void controlCharactersAreRefused() {
    assertEquals(List.of(new FieldProblem("name", "contains control characters")),
        problems(lead("email", "ada@example.de", "company", "ACME", "name", "Ada\u0007")));
  }

  @Test
  void severalProblemsAreReportedTogetherInFormFieldOrder() {
    List<FieldProblem> problems = problems(lead(
        "message", "x".repeat(30), "phone", "nope", "email", "not-an-email", "name", "Ada\u0000"));

    assertEquals(List.of(
        new FieldProblem("name", "contains control characters"),
        new FieldProblem("email", "is not a valid email address"),
        new FieldProblem("phone", "is not a valid phone number"),
        new FieldProblem("message", "must be at most 20 characters long"),
        new FieldProblem("company", "is required")), problems);
  }
}
