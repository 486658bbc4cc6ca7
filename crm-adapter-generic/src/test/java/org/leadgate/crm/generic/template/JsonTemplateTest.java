package org.leadgate.crm.generic.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leadgate.consent.Channel;
import org.leadgate.consent.ConsentStatus;
import org.leadgate.consent.LegalBasis;
import org.leadgate.crm.generic.TestLeads;
import org.leadgate.lead.Lead;
import org.leadgate.lead.LeadJson;

class JsonTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Map<String, String>> MAPS =
      Map.of("stage", Map.of("lead", "lead", "mql", "marketingqualifiedlead"));

  private final Lead ada = TestLeads.scored(TestLeads.withConsent(
      TestLeads.lead("lead-1", "email", "ada@example.de", "firstName", "Ada", "lastName", "Lovelace"),
      Channel.EMAIL, "newsletter", ConsentStatus.CONFIRMED, LegalBasis.CONSENT_DOI), 30, 42, "mql");

  @Test
  void aValueThatIsOnePlaceholderKeepsItsJsonType() {
    JsonNode body = render(Missing.OMIT, """
        {"score": "{{scoring.score}}", "newsletter": "{{consent.email.newsletter.permitted}}",
         "email": "{{fields.email}}", "reasons": "{{scoring.reasons}}"}""", ada);

    assertEquals(json("""
        {"score": 72, "newsletter": true, "email": "ada@example.de", "reasons": []}"""), body);
  }

  @Test
  void textAroundPlaceholdersMakesTextAndAMissingPartWritesNothing() {
    Lead noFirstName = TestLeads.lead("lead-2", "lastName", "Lovelace");

    assertEquals(json("{\"name\": \"Ada Lovelace\", \"score\": \"score 72\"}"),
        render(Missing.OMIT, "{\"name\": \"{{fields.firstName}} {{fields.lastName}}\", "
            + "\"score\": \"score {{scoring.score}}\"}", ada));
    assertEquals(json("{\"name\": \"Lovelace\"}"),
        render(Missing.OMIT, "{\"name\": \"{{fields.firstName}} {{fields.lastName}}\"}", noFirstName));
  }

  @Test
  void aMissingValueIsLeftOutOrSentAsNullAsConfigured() {
    Lead bare = TestLeads.lead("lead-3", "email", "ada@example.de");
    String template = "{\"email\": \"{{fields.email}}\", \"phone\": \"{{fields.phone}}\", \"source\": \"web\"}";

    assertEquals(json("{\"email\": \"ada@example.de\", \"source\": \"web\"}"), render(Missing.OMIT, template, bare));
    assertEquals(json("{\"email\": \"ada@example.de\", \"phone\": null, \"source\": \"web\"}"),
        render(Missing.NULL, template, bare));
  }

  @Test
  void blankTextCountsAsMissingSoThatItNeverClearsACrmValue() {
    Lead blank = TestLeads.lead("lead-4", "email", "ada@example.de", "phone", "  ");

    assertEquals(json("{\"email\": \"ada@example.de\"}"),
        render(Missing.OMIT, "{\"email\": \"{{fields.email}}\", \"phone\": \"{{fields.phone}}\"}", blank));
  }

  @Test
  void anObjectWhosePlaceholdersAreAllMissingIsMissingAsAWhole() {
    Lead noPhone = TestLeads.lead("lead-5", "email", "ada@example.de");
    String template = """
        {"emails": [{"value": "{{fields.email}}", "primary": true}],
         "phones": [{"value": "{{fields.phone}}", "primary": true}]}""";

    assertEquals(json("{\"emails\": [{\"value\": \"ada@example.de\", \"primary\": true}]}"),
        render(Missing.OMIT, template, noPhone));
    assertEquals(json("{\"emails\": [{\"value\": \"ada@example.de\", \"primary\": true}], \"phones\": null}"),
        render(Missing.NULL, template, noPhone));
  }

  @Test
  void aValueMapTranslatesAndAnUnmappedValueIsMissing() {
    String template = "{\"lifecyclestage\": \"{{scoring.stage | stage}}\"}";

    assertEquals(json("{\"lifecyclestage\": \"marketingqualifiedlead\"}"), render(Missing.OMIT, template, ada));
    assertEquals(json("{}"), render(Missing.OMIT, template, TestLeads.scored(ada, 0, 0, "sal")));
  }

  @Test
  void aConsentTheLeadDoesNotHaveIsNotPermitted() {
    Lead noConsent = TestLeads.lead("lead-6", "email", "ada@example.de");

    assertEquals(json("{\"newsletter\": false}"),
        render(Missing.OMIT, "{\"newsletter\": \"{{consent.email.newsletter.permitted}}\", "
            + "\"status\": \"{{consent.email.newsletter.status}}\"}", noConsent));
  }

  @Test
  void provenanceAndTheCrmRecordIdAreAvailable() {
    TemplateParser parser = new TemplateParser(MAPS, Missing.OMIT);
    JsonTemplate template = parser.json(
        "{\"id\": \"{{crm.id}}\", \"emailSource\": \"{{provenance.email.source}}\", \"form\": \"{{formId}}\"}");

    assertEquals(json("{\"id\": \"4711\", \"emailSource\": \"TYPED\", \"form\": \"contact\"}"),
        template.render(LeadView.of(ada, Optional.of("4711"))));
    assertEquals(json("{\"emailSource\": \"TYPED\", \"form\": \"contact\"}"),
        template.render(LeadView.of(ada, Optional.empty())));
  }

  @Test
  void aPartIsInsertedWithItsTypesAndTheIncludingTemplatesMissingPolicy() {
    TemplateParser base = new TemplateParser(MAPS, Missing.NULL);
    TemplateParser parser = base.withParts(
        Map.of("properties", base.json("{\"email\": \"{{fields.email}}\", \"phone\": \"{{fields.phone}}\"}")));

    JsonNode body = parser.json("{\"properties\": \"{{parts.properties}}\", \"id\": \"{{fields.email}}\"}")
        .render(LeadView.of(ada, Optional.empty()));

    assertEquals(json("{\"properties\": {\"email\": \"ada@example.de\", \"phone\": null}, \"id\": \"ada@example.de\"}"),
        body);
  }

  @Test
  void theWholeLeadIsOnePlaceholder() {
    assertEquals(LeadJson.toTree(ada), render(Missing.OMIT, "\"{{lead}}\"", ada));
  }

  @Test
  void aBatchBodyPutsTheItemsWhereItSays() {
    TemplateParser parser = new TemplateParser(MAPS, Missing.OMIT);
    JsonNode items = json("[{\"id\": 1}, {\"id\": 2}]");

    assertEquals(json("{\"inputs\": [{\"id\": 1}, {\"id\": 2}], \"mode\": \"upsert\"}"),
        parser.batchBody("{\"inputs\": \"{{items}}\", \"mode\": \"upsert\"}")
            .render(List.of(items.get(0), items.get(1))));
    assertEquals(items, parser.batchBody("\"{{ items }}\"").render(List.of(items.get(0), items.get(1))));
  }

  private static JsonNode render(Missing missing, String template, Lead lead) {
    return new TemplateParser(MAPS, missing).json(template).render(LeadView.of(lead, Optional.empty()));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JacksonException e) {
      throw new AssertionError(e);
    }
  }
}
