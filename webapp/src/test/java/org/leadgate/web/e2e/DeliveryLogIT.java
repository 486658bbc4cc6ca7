package org.leadgate.web.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.web.testing.EmbeddedGateway;
import org.leadgate.testing.Eventually;
import org.leadgate.web.testing.Http;
import org.leadgate.web.testing.StoredRows;
import org.leadgate.web.testing.TestConfig;

/**
 * The delivery log over HTTP: a CRM (WireMock) that answers 503 once and then takes the lead; an admin reads the
 * lead's attempts at {@code GET /api/leads/{leadId}/deliveries}.
 */
class DeliveryLogIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "delivery-log-admin-token-0123456789";
  private static final int SLOW_MILLIS = 300;

  @RegisterExtension
  static WireMockExtension crm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path directory;

  private EmbeddedGateway gateway;
  private StoredRows rows;

  @BeforeEach
  void start() throws Exception {
    crm.stubFor(post("/leads").inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503).withBody("maintenance").withFixedDelay(SLOW_MILLIS))
        .willSetStateTo("up"));
    crm.stubFor(post("/leads").inScenario("flaky").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(201).withBody("{\"id\":\"crm-4711\"}")));
    TestConfig config = TestConfig.sqlite(directory).crmAt(crm.baseUrl() + "/leads")
        .with("admin:\n  token: " + TOKEN + "\n");
    rows = config.rows();
    gateway = EmbeddedGateway.start(config.write());
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private HttpResponse<String> deliveries(String leadId, String... headers) throws Exception {
    return Http.get(gateway.uri("/api/leads/" + leadId + "/deliveries"), headers);
  }

  @Test
  void anAdminSeesTheRetryThenTheDeliveryOfALead() throws Exception {
    Instant before = Instant.now();
    Http.postForm(gateway.uri("/forms/contact"), Map.of("lastName", "Lovelace", "email", "ada@acme.de"));
    String leadId = rows.leadIds().get(0);
    Eventually.await("the lead is delivered", Duration.ofSeconds(10),
        () -> rows.outboxStatus(leadId).equals("delivered"));

    HttpResponse<String> response = deliveries(leadId, "Authorization", "Bearer " + TOKEN);

    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = JSON.readTree(response.body());
    assertEquals(leadId, body.get("leadId").asText());
    JsonNode attempts = body.get("deliveries");
    assertEquals(2, attempts.size(), attempts.toString());
    JsonNode retry = attempts.get(0);
    JsonNode delivered = attempts.get(1);
    assertEquals("retry", retry.get("status").asText());
    assertEquals(1, retry.get("attempt").asInt());
    assertEquals("generic-http", retry.get("target").asText());
    assertTrue(retry.get("error").asText().contains("503"), retry.toString());
    assertTrue(retry.get("latencyMs").asLong() >= SLOW_MILLIS, "the CRM took its time: " + retry);
    assertEquals("delivered", delivered.get("status").asText());
    assertEquals(2, delivered.get("attempt").asInt());
    assertTrue(delivered.get("error").isNull());
    Instant retriedAt = Instant.parse(retry.get("at").asText());
    assertFalse(retriedAt.isBefore(before.minusSeconds(1)), retriedAt + " vs " + before);
    assertTrue(Instant.parse(delivered.get("at").asText()).isAfter(retriedAt), "the retry waited for its backoff");
    assertFalse(attempts.toString().contains("ada@acme.de"), "no lead values in the log");
  }

  @Test
  void theLogIsForAdminsOnlyAndAnUnknownLeadIsNotFound() throws Exception {
    String unknown = "00000000-0000-0000-0000-000000000000";

    assertEquals(401, deliveries(unknown).statusCode());
    HttpResponse<String> notFound = deliveries(unknown, "Authorization", "Bearer " + TOKEN);
    assertEquals(404, notFound.statusCode());
    assertTrue(notFound.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
    assertEquals("https://leadgate.org/problems/no-such-lead", JSON.readTree(notFound.body()).get("type").asText());
  }
}
