package org.leadgate.web.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.web.testing.CrmViews;
import org.leadgate.web.testing.EmbeddedGateway;
import org.leadgate.testing.Eventually;
import org.leadgate.web.testing.Http;
import org.leadgate.web.testing.StoredRows;
import org.leadgate.web.testing.TestConfig;

/**
 * Scoring end to end: a form post is scored before it reaches the CRM (WireMock); an event posted to
 * {@code /api/events} pushes it over the MQL threshold and the CRM gets the hand-over time and the SLA due time; the
 * CRM moves it further, and scoring never moves it back.
 */
class ScoringIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "scoring-admin-token-0123456789";

  @RegisterExtension
  static WireMockExtension crm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path directory;

  private EmbeddedGateway gateway;
  private StoredRows rows;

  @BeforeEach
  void start() throws Exception {
    crm.stubFor(post("/leads").willReturn(aResponse().withStatus(201)));
    TestConfig config = TestConfig.sqlite(directory).crmAt(crm.baseUrl() + "/leads")
        .withFields("{ name: country, type: text }")
        .with("admin:\n  token: " + TOKEN + "\n")
        .with("""
            scoring:
              fit:
                - { id: dach, field: country, in: [DE, AT, CH], points: 10 }
              behaviour:
                - { id: form, event: form-submitted, points: 20 }
                - { id: pricing, event: page-visited, where: { path: /pricing }, points: 25 }
                - { id: careers, event: page-visited, where: { path: /careers }, points: -10 }
              grades: { A: 10, B: 5, C: 1 }
              sla: 1h
            """);
    rows = config.rows();
    gateway = EmbeddedGateway.start(config.write());
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private List<JsonNode> crmViews(String leadId) {
    return CrmViews.of(crm, leadId);
  }

  private String postLead() throws Exception {
    Http.postForm(gateway.uri("/forms/contact"),
        Map.of("lastName", "Lovelace", "email", "ada@acme.de", "country", "Deutschland"));
    String leadId = rows.leadIds().get(0);
    Eventually.await("the CRM has the lead", Duration.ofSeconds(10), () -> crmViews(leadId).size() == 1);
    return leadId;
  }

  private HttpResponse<String> postEvent(String json) throws Exception {
    return Http.post(gateway.uri("/api/events"), "application/json", json, "Authorization", "Bearer " + TOKEN);
  }

  private HttpResponse<String> putStage(String leadId, String json) throws Exception {
    return Http.send(HttpRequest.newBuilder(gateway.uri("/api/leads/" + leadId + "/stage"))
        .PUT(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TOKEN).build());
  }

  @Test
  void theCrmGetsTheScoreWithItsReasonsGradeAndStage() throws Exception {
    JsonNode scoring = crmViews(postLead()).get(0).get("scoring");

    assertEquals(30, scoring.get("score").asInt());
    assertEquals(10, scoring.get("fit").asInt());
    assertEquals(20, scoring.get("behaviour").asInt());
    assertEquals("A", scoring.get("grade").asText());
    assertEquals("lead", scoring.get("stage").asText());
    assertEquals("[{\"rule\":\"dach\",\"points\":10},{\"rule\":\"form\",\"points\":20}]",
        scoring.get("reasons").toString());
    assertTrue(scoring.path("mqlAt").isMissingNode());
  }

  @Test
  void anEventPushesTheLeadToMqlWithItsHandOverTimeAndSlaThenTheCrmMovesItOnAndScoringNeverMovesItBack()
      throws Exception {
    String leadId = postLead();
    Instant before = Instant.now();

    HttpResponse<String> recorded = postEvent(
        "{\"email\":\"ada@acme.de\",\"type\":\"page-visited\",\"properties\":{\"path\":\"/pricing\"}}");

    assertEquals(202, recorded.statusCode(), recorded.body());
    assertEquals(leadId, JSON.readTree(recorded.body()).get("leadIds").get(0).asText());
    Eventually.await("the CRM gets the new score", Duration.ofSeconds(10), () -> crmViews(leadId).size() == 2);
    JsonNode mql = crmViews(leadId).get(1).get("scoring");
    assertEquals(55, mql.get("score").asInt());
    assertEquals("mql", mql.get("stage").asText());
    Instant mqlAt = Instant.parse(mql.get("mqlAt").asText());
    assertTrue(!mqlAt.isBefore(before.minusSeconds(1)), mqlAt + " vs " + before);
    assertEquals(mqlAt.plus(Duration.ofHours(1)), Instant.parse(mql.get("slaDueAt").asText()));

    assertEquals(202, putStage(leadId, "{\"stage\":\"sal\"}").statusCode());
    Eventually.await("the CRM gets the stage", Duration.ofSeconds(10), () -> crmViews(leadId).size() == 3);
    assertEquals("sal", crmViews(leadId).get(2).at("/scoring/stage").asText());

    postEvent("{\"leadId\":\"" + leadId + "\",\"type\":\"page-visited\",\"properties\":{\"path\":\"/careers\"}}");
    Eventually.await("the CRM gets the lower score", Duration.ofSeconds(10), () -> crmViews(leadId).size() == 4);
    JsonNode after = crmViews(leadId).get(3).get("scoring");
    assertEquals(45, after.get("score").asInt(), "a careers-page visit subtracts");
    assertEquals("sal", after.get("stage").asText(), "a stage the CRM set is never lowered by scoring");
    assertEquals(mqlAt.toString(), after.get("mqlAt").asText(), "the hand-over time stays");
  }

  @Test
  void badEventsAndStagesAreRefusedNamingTheFieldAndNothingIsRecorded() throws Exception {
    String leadId = postLead();

    HttpResponse<String> noType = postEvent("{\"leadId\":\"" + leadId + "\"}");
    assertEquals(400, noType.statusCode());
    assertTrue(noType.body().contains("\"type\""), noType.body());
    HttpResponse<String> both = postEvent("{\"type\":\"page-visited\"}");
    assertEquals(400, both.statusCode());
    assertTrue(both.body().contains("leadId"), both.body());
    HttpResponse<String> future = postEvent("{\"leadId\":\"" + leadId + "\",\"type\":\"trial-requested\","
        + "\"at\":\"2999-01-01T00:00:00Z\"}");
    assertEquals(400, future.statusCode());
    assertEquals(404, postEvent("{\"email\":\"nobody@acme.de\",\"type\":\"page-visited\"}").statusCode());
    assertEquals(401, Http.post(gateway.uri("/api/events"), "application/json",
        "{\"leadId\":\"" + leadId + "\",\"type\":\"page-visited\"}").statusCode());
    HttpResponse<String> stage = putStage(leadId, "{\"stage\":\"won\"}");
    assertEquals(400, stage.statusCode());
    assertTrue(stage.body().contains("lead, mql, sal, sql"), stage.body());
    assertEquals(404, putStage("00000000-0000-0000-0000-000000000000", "{\"stage\":\"sal\"}").statusCode());

    assertEquals(1, rows.count("lead_events"), "only the form submission is recorded");
  }
}
