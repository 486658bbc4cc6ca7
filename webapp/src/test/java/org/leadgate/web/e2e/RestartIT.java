package org.leadgate.web.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.testing.Eventually;
import org.leadgate.web.testing.GatewayProcess;
import org.leadgate.web.testing.Http;
import org.leadgate.web.testing.StoredRows;
import org.leadgate.web.testing.TestConfig;

/** Nothing accepted is lost: a gateway killed before delivering delivers everything once it is back. */
class RestartIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LEADS = 25;

  @RegisterExtension
  static WireMockExtension crm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path directory;

  @Test
  void leadsAcceptedBeforeAKillAreEachDeliveredExactlyOnceAfterTheRestart() throws Exception {
    crm.stubFor(post("/leads").willReturn(aResponse().withStatus(503)));
    TestConfig config = TestConfig.sqlite(directory).crmAt(crm.baseUrl() + "/leads");
    StoredRows rows = config.rows();
    Path file = config.write();

    Set<String> accepted = new HashSet<>();
    try (GatewayProcess first = GatewayProcess.start(file, directory)) {
      for (int i = 0; i < LEADS; i++) {
        HttpResponse<String> response = Http.post(first.uri("/forms/contact"), "application/json",
            "{\"lastName\":\"Lead " + i + "\",\"email\":\"lead" + i + "@example.de\"}", "Accept", "application/json");
        assertEquals(202, response.statusCode());
        accepted.add(JSON.readTree(response.body()).get("leadId").asText());
      }
      first.kill();
    }
    assertEquals(LEADS, accepted.size());
    assertEquals(LEADS, rows.count("outbox"), "every accepted lead is in the outbox");
    assertEquals(0, delivered().size(), "the CRM took nothing before the kill");

    crm.resetAll();
    crm.stubFor(post("/leads").willReturn(aResponse().withStatus(200)));
    try (GatewayProcess second = GatewayProcess.start(file, directory)) {
      assertEquals(200, Http.get(second.uri("/health/ready")).statusCode());
      Eventually.await("all accepted leads are delivered and recorded", Duration.ofSeconds(30),
          () -> rows.count("outbox") == LEADS && countDelivered(rows, accepted) == LEADS);
    }

    Map<String, Long> deliveries = delivered();
    assertEquals(accepted, deliveries.keySet());
    deliveries.forEach((lead, times) -> assertEquals(1L, times, "deliveries of " + lead));
  }

  private static long countDelivered(StoredRows rows, Set<String> leads) throws Exception {
    long delivered = 0;
    for (String lead : leads) {
      delivered += rows.outboxStatus(lead).equals("delivered") ? 1 : 0;
    }
    return delivered;
  }

  /** Lead id to the number of times the CRM answered 200 for it. */
  private static Map<String, Long> delivered() {
    List<ServeEvent> events = crm.getAllServeEvents();
    return events.stream()
        .filter(e -> e.getResponse().getStatus() == 200)
        .map(e -> e.getRequest().getHeader("Idempotency-Key"))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }
}
