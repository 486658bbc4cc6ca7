package org.leadgate.web.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.web.testing.EmbeddedGateway;
import org.leadgate.testing.Eventually;
import org.leadgate.web.testing.Http;
import org.leadgate.web.testing.StoredRows;
import org.leadgate.web.testing.TestConfig;

/**
 * The spine end to end, over real HTTP: a form post is committed, then delivered to a CRM (WireMock) by the
 * outbox, surviving CRM outages and refusals. Runs once per storage (SQLite and PostgreSQL).
 */
abstract class FormToCrmContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN_TOKEN = "admin-token-for-tests-0123456789";

  @RegisterExtension
  static WireMockExtension crm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path directory;

  private EmbeddedGateway gateway;
  private StoredRows rows;

  abstract TestConfig storage(Path directory);

  private void startGateway() throws Exception {
    TestConfig config = storage(directory).crmAt(crm.baseUrl() + "/leads")
        .with("admin:\n  token: " + ADMIN_TOKEN);
    rows = config.rows();
    gateway = EmbeddedGateway.start(config.write());
  }

  @AfterEach
  void stopGateway() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aUrlEncodedFormPostArrivesAtTheCrmAsExactlyOneJsonLead() throws Exception {
    crm.stubFor(post("/leads").willReturn(aResponse().withStatus(201).withBody("{\"id\":\"crm-1\"}")));
    startGateway();

    HttpResponse<String> response = Http.postForm(gateway.uri("/forms/contact"),
        Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.de", "phone", "+49 30 1234567"));

    assertEquals(303, response.statusCode());
    assertEquals("https://www.example.de/danke", response.headers().firstValue("Location").orElseThrow());
    String leadId = rows.leadIds().get(0);
    Eventually.await("the lead is delivered", Duration.ofSeconds(10),
        () -> rows.outboxStatus(leadId).equals("delivered"));
    crm.verify(1, postRequestedFor(urlEqualTo("/leads"))
        .withHeader("Authorization", equalTo("Bearer test-token"))
        .withHeader("Idempotency-Key", equalTo(leadId))
        .withRequestBody(matchingJsonPath("$.leadId", equalTo(leadId)))
        .withRequestBody(matchingJsonPath("$.fields.firstName", equalTo("Ada")))
        .withRequestBody(matchingJsonPath("$.fields.lastName", equalTo("Lovelace")))
        .withRequestBody(matchingJsonPath("$.fields.email", equalTo("ada@example.de")))
        .withRequestBody(matchingJsonPath("$.fields.phone", equalTo("+49301234567")))
        .withRequestBody(matchingJsonPath("$.quality.phone.typed", equalTo("+49 30 1234567")))
        .withRequestBody(matchingJsonPath("$.provenance.email.source", equalTo("TYPED"))));
    assertEquals(1, crm.getAllServeEvents().size());
  }

  @Test
  void aJsonPostIsAnsweredWithTheLeadIdOnlyAfterItIsStored() throws Exception {
    crm.stubFor(post("/leads").willReturn(aResponse().withStatus(200)));
    startGateway();

    HttpResponse<String> response = Http.post(gateway.uri("/forms/contact"), "application/json",
        "{\"lastName\":\"Hopper\",\"email\":\"grace@example.com\"}", "Accept", "application/json");

    assertEquals(202, response.statusCode());
    JsonNode body = JSON.readTree(response.body());
    assertEquals("accepted", body.get("status").asText());
    assertEquals(rows.leadIds(), java.util.List.of(body.get("leadId").asText()));
    assertEquals(1, rows.count("submissions"));
  }

  @Test
  void aMultipartPostIsAccepted() throws Exception {
    crm.stubFor(post("/leads").willReturn(aResponse().withStatus(200)));
    startGateway();
    String boundary = "----leadgate";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"lastName\"\r\n\r\nMüller\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nm@example.de\r\n"
        + "--" + boundary + "--\r\n";

    HttpResponse<String> response = Http.post(gateway.uri("/forms/contact"),
        "multipart/form-data; boundary=" + boundary, body, "Accept", "application/json");

    assertEquals(202, response.statusCode());
    Eventually.await("the lead is delivered", Duration.ofSeconds(10), () -> !crm.getAllServeEvents().isEmpty());
    crm.verify(1, postRequestedFor(urlEqualTo("/leads"))
        .withRequestBody(matchingJsonPath("$.fields.lastName", equalTo("Müller"))));
  }

  @Test
  void aCrmThatIsDownGetsTheLeadWithBackoffOnceItAnswers() throws Exception {
    crm.stubFor(post("/leads").inScenario("outage").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("still down"));
    crm.stubFor(post("/leads").inScenario("outage").whenScenarioStateIs("still down")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    crm.stubFor(post("/leads").inScenario("outage").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(200)));
    startGateway();

    Http.postForm(gateway.uri("/forms/contact"), Map.of("lastName", "Lamarr", "email", "hedy@example.at"));
    String leadId = rows.leadIds().get(0);

    Eventually.await("the lead is delivered", Duration.ofSeconds(10),
        () -> rows.outboxStatus(leadId).equals("delivered"));
    crm.verify(3, postRequestedFor(urlEqualTo("/leads"))
        .withHeader("Idempotency-Key", equalTo(leadId)));
    var times = crm.getAllServeEvents().stream().map(e -> e.getRequest().getLoggedDate().getTime()).sorted()
        .toList();
    assertTrue(times.get(2) - times.get(1) >= 50 && times.get(1) - times.get(0) >= 50,
        "retries wait for the backoff (at least half of 100 ms), got " + times);
  }

  @Test
  void aLeadTheCrmRefusesIsDeadLetteredWithTheErrorAndDeliveredOnReplayAfterTheFix() throws Exception {
    crm.stubFor(post("/leads").willReturn(aResponse().withStatus(400)
        .withBody("{\"error\":\"custom field Branche__c is required\"}")));
    startGateway();
    Http.postForm(gateway.uri("/forms/contact"), Map.of("lastName", "Noether", "email", "emmy@example.de"));
    String leadId = rows.leadIds().get(0);
    Eventually.await("the lead is dead-lettered", Duration.ofSeconds(10),
        () -> rows.outboxStatus(leadId).equals("dead"));
    assertEquals(1, crm.getAllServeEvents().size(), "a refusal is not retried");

    JsonNode letters = JSON.readTree(Http.get(gateway.uri("/api/dead-letters"),
        "Authorization", "Bearer " + ADMIN_TOKEN).body()).get("deadLetters");
    assertEquals(leadId, letters.get(0).get("leadId").asText());
    assertTrue(letters.get(0).get("lastError").asText().contains("400"));
    assertTrue(letters.get(0).get("lastError").asText().contains("Branche__c is required"));

    crm.resetAll();
    crm.stubFor(post("/leads").willReturn(aResponse().withStatus(200)));
    HttpResponse<String> replay = Http.post(gateway.uri("/api/dead-letters/" + leadId + "/replay"), null, "",
        "Authorization", "Bearer " + ADMIN_TOKEN);
    assertEquals(202, replay.statusCode());

    Eventually.await("the replayed lead is delivered", Duration.ofSeconds(10),
        () -> rows.outboxStatus(leadId).equals("delivered"));
    crm.verify(1, postRequestedFor(urlEqualTo("/leads")).withHeader("Idempotency-Key", equalTo(leadId)));
  }

  @Test
  void resubmittingWithTheSameIdempotencyKeyReturnsTheSameLeadAndStoresNoSecond() throws Exception {
    crm.stubFor(post("/leads").willReturn(aResponse().withStatus(200)));
    startGateway();
    String body = "{\"lastName\":\"Curie\",\"email\":\"marie@example.fr\"}";

    HttpResponse<String> first = Http.post(gateway.uri("/forms/contact"), "application/json", body,
        "Accept", "application/json", "Idempotency-Key", "order-4711");
    HttpResponse<String> second = Http.post(gateway.uri("/forms/contact"), "application/json", body,
        "Accept", "application/json", "Idempotency-Key", "order-4711");

    assertEquals(202, second.statusCode());
    assertEquals(JSON.readTree(first.body()).get("leadId"), JSON.readTree(second.body()).get("leadId"));
    assertEquals(1, rows.count("leads"));
    assertEquals(1, rows.count("submissions"));
  }

  @Test
  void aBrowserResubmittingTheSameFormTokenCreatesNoSecondLead() throws Exception {
    crm.stubFor(post("/leads").willReturn(aResponse().withStatus(200)));
    startGateway();
    Map<String, String> form = Map.of("lastName", "Meitner", "email", "lise@example.at",
        "_idempotency_key", "3d0f0a4e-form-token");

    assertEquals(303, Http.postForm(gateway.uri("/forms/contact"), form).statusCode());
    assertEquals(303, Http.postForm(gateway.uri("/forms/contact"), form).statusCode());

    assertEquals(1, rows.count("leads"));
  }
}
