package org.leadgate.crm.generic.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.leadgate.crm.generic.TestLeads;
import org.leadgate.lead.Lead;

class PathTemplateTest {
  private static final HttpUrl BASE = HttpUrl.get("https://crm.example.com/api");
  private final TemplateParser parser = new TemplateParser(Map.of(), Missing.OMIT);

  @Test
  void appendsThePathToTheBaseUrlWithTheRecordId() {
    assertEquals("https://crm.example.com/api/persons/4711?mode=full",
        url("/persons/{{crm.id}}?mode=full", TestLeads.lead("lead-1"), "4711").toString());
  }

  @Test
  void anEmptyPathIsTheBaseUrlItself() {
    assertEquals(BASE, url("", TestLeads.lead("lead-1"), null));
  }

  @Test
  void leadValuesAreEncodedAndCannotAddSegmentsQueryParametersOrChangeTheHost() {
    Lead sneaky = TestLeads.lead("lead-1", "company", "a/b?c=d#e@evil.example:80");

    HttpUrl url = url("/companies/{{fields.company}}?name={{fields.company}}", sneaky, null);

    assertEquals("crm.example.com", url.host());
    assertEquals(List.of("api", "companies", "a/b?c=d#e@evil.example:80"), url.pathSegments());
    assertEquals(Set.of("name"), url.queryParameterNames());
    assertEquals("a/b?c=d#e@evil.example:80", url.queryParameter("name"));
    assertEquals(null, url.fragment());
  }

  @Test
  void aDotSegmentFromTheLeadIsRefused() {
    PathTemplate template = parser.path("/persons/{{fields.company}}");

    PathTemplate.Expansion expansion = template.expand(BASE,
        LeadView.of(TestLeads.lead("lead-1", "company", ".."), Optional.empty()));

    assertTrue(assertInstanceOf(PathTemplate.Expansion.Unfilled.class, expansion).reason().contains("'..'"));
  }

  @Test
  void aMissingValueLeavesNoUrlAndSaysWhichPlaceholder() {
    PathTemplate.Expansion expansion = parser.path("/persons/{{crm.id}}")
        .expand(BASE, LeadView.of(TestLeads.lead("lead-1"), Optional.empty()));

    assertEquals("the URL needs {{crm.id}}, which this lead does not have",
        assertInstanceOf(PathTemplate.Expansion.Unfilled.class, expansion).reason());
  }

  private HttpUrl url(String path, Lead lead, String crmId) {
    PathTemplate.Expansion expansion = parser.path(path).expand(BASE, LeadView.of(lead, Optional.ofNullable(crmId)));
    return assertInstanceOf(PathTemplate.Expansion.Url.class, expansion).url();
  }
}
