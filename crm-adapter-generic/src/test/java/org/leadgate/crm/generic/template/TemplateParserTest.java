package org.leadgate.crm.generic.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateParserTest {
  private final TemplateParser parser = new TemplateParser(Map.of("stage", Map.of("mql", "marketingqualifiedlead")),
      Missing.OMIT);

  @ParameterizedTest
  @ValueSource(strings = {"lead", "leadId", "formId", "receivedAt", "fields", "fields.email", "fields.job_title2",
      "provenance.email", "provenance.email.source", "provenance.country.confidence", "quality.phone.typed",
      "quality.phone.flags", "consent", "consent.email", "consent.email.newsletter", "consent.phone.sales-calls.status",
      "consent.sms.offers.permitted", "consent.post.catalogue.basis", "consent.email.newsletter.stale", "scoring",
      "scoring.score", "scoring.stage", "scoring.mqlAt", "scoring.reasons", "crm.id"})
  void acceptsEveryPathOfTheLeadJsonVocabulary(String path) {
    assertTrue(parser.text("{{" + path + "}}").dynamic());
  }

  @ParameterizedTest
  @ValueSource(strings = {"email", "field.email", "fields.email.value", "fields.1st", "provenance",
      "provenance.email.when", "quality.phone.normalised", "consent.fax", "consent.fax.newsletter.permitted",
      "consent.email.News_Letter", "consent.email.newsletter.granted", "scoring.points", "scoring.stage.id", "crm",
      "crm.record", "leadId.x", ""})
  void refusesPathsOutsideTheVocabularyNamingThePlaceholder(String path) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parser.text("{{" + path + "}}"));

    assertTrue(e.getMessage().contains("{{" + path + "}} is not a lead value"), e.getMessage());
  }

  @Test
  void explainsWhatARootTakesWhenItsShapeIsWrong() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> parser.text("{{consent.fax.newsletter.permitted}}"));

    assertTrue(e.getMessage().contains("<channel> one of email, phone, sms, post"), e.getMessage());
  }

  @Test
  void namesWhereInTheJsonABadPlaceholderStands() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parser.json("{\"properties\": {\"email\": \"{{fieldz.email}}\"}}"));

    assertEquals("at /properties/email: {{fieldz.email}} is not a lead value: a path starts with one of lead, leadId, "
        + "formId, receivedAt, fields, provenance, quality, consent, scoring, crm", e.getMessage());
  }

  @Test
  void refusesAnUnknownValueMapListingTheDefinedOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> parser.text("{{scoring.stage | lifecycle}}"));

    assertEquals("{{scoring.stage | lifecycle}} names no value map 'lifecycle'; defined under values: stage",
        e.getMessage());
  }

  @Test
  void refusesAnUnknownPart() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> parser.json("{\"properties\": \"{{parts.props}}\"}"));

    assertEquals("at /properties: {{parts.props}} names no part (none are defined)", e.getMessage());
  }

  @Test
  void refusesAPartInsideText() {
    assertThrows(IllegalArgumentException.class, () -> parser.text("x {{parts.properties}}"));
  }

  @Test
  void refusesItemsOutsideABatchBody() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> parser.json("{\"inputs\": \"{{items}}\"}"));

    assertTrue(e.getMessage().contains("{{items}} belongs only in batch.body"), e.getMessage());
  }

  @Test
  void refusesAnUnclosedPlaceholder() {
    assertThrows(IllegalArgumentException.class, () -> parser.text("Hello {{fields.firstName"));
  }

  @Test
  void refusesJsonThatDoesNotParseWithItsPosition() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parser.json("{\"a\": 1,}"));

    assertTrue(e.getMessage().startsWith("is not valid JSON: "), e.getMessage());
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void refusesTrailingContentAfterTheJson() {
    assertThrows(IllegalArgumentException.class, () -> parser.json("{} {}"));
  }

  @Test
  void refusesABatchBodyWithoutItemsOrWithLeadValues() {
    assertThrows(IllegalArgumentException.class, () -> parser.batchBody("{\"inputs\": []}"));
    assertThrows(IllegalArgumentException.class, () -> parser.batchBody("[\"{{items}}\", \"{{items}}\"]"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parser.batchBody("{\"inputs\": \"{{items}}\", \"owner\": \"{{fields.owner}}\"}"));
    assertTrue(e.getMessage().contains("at /owner"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"persons", "/a//b", "/a#frag", "/a?{{fields.name}}=x", "/a?=x"})
  void refusesPathsThatAreNotAPathAndQueryWithPlaceholdersInValues(String path) {
    assertThrows(IllegalArgumentException.class, () -> parser.path(path));
  }
}
