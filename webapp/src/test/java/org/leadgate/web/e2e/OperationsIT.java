package org.leadgate.web.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.web.testing.EmbeddedGateway;
import org.leadgate.testing.Eventually;
import org.leadgate.web.testing.Http;
import org.leadgate.web.testing.TestConfig;

/** Health checks, the admin API's guard, the start page, and startup with a bad configuration. */
class OperationsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path directory;

  @Test
  void healthSaysUpAndReadinessCountsTheOutbox() throws Exception {
    try (EmbeddedGateway gateway = EmbeddedGateway.start(TestConfig.sqlite(directory).write())) {
      assertEquals("UP", JSON.readTree(Http.get(gateway.uri("/health")).body()).get("status").asText());
      Http.postForm(gateway.uri("/forms/contact"), Map.of("lastName", "X", "email", "x@example.de"));

      Eventually.await("the log target delivered the lead", java.time.Duration.ofSeconds(10), () ->
          JSON.readTree(Http.get(gateway.uri("/health/ready")).body()).get("outbox").get("delivered").asInt() == 1);
      HttpResponse<String> ready = Http.get(gateway.uri("/health/ready"));
      assertEquals(200, ready.statusCode());
      JsonNode body = JSON.readTree(ready.body());
      assertEquals("UP", body.get("storage").asText());
      assertEquals(0, body.get("outbox").get("pending").asInt());
      assertEquals(0, body.get("outbox").get("deadLetters").asInt());
    }
  }

  @Test
  void theDemoLogTargetWritesEachDeliveredLeadAsOneJsonLine() throws Exception {
    try (EmbeddedGateway gateway = EmbeddedGateway.start(TestConfig.sqlite(directory).write())) {
      String leadId = JSON.readTree(Http.post(gateway.uri("/forms/contact"), "application/json",
          "{\"lastName\":\"Lovelace\",\"email\":\"ada@example.de\"}", "Accept", "application/json").body())
          .get("leadId").asText();
      Path file = directory.resolve("delivered.jsonl");

      Eventually.await("the lead is in delivered.jsonl", java.time.Duration.ofSeconds(10),
          () -> java.nio.file.Files.exists(file) && !java.nio.file.Files.readAllLines(file).isEmpty());
      JsonNode line = JSON.readTree(java.nio.file.Files.readAllLines(file).get(0));
      assertEquals(leadId, line.get("leadId").asText());
      assertEquals("Lovelace", line.get("fields").get("lastName").asText());
    }
  }

  @Test
  void theStartPageShowsTheFirstFormWithAFreshToken() throws Exception {
    try (EmbeddedGateway gateway = EmbeddedGateway.start(TestConfig.sqlite(directory).write())) {
      String page = Http.get(gateway.uri("/")).body();

      assertTrue(page.contains("<form method=\"post\" action=\"/forms/contact\""), page);
      assertTrue(page.contains("name=\"_idempotency_key\" value=\""));
      assertTrue(page.contains("id=\"field-email\""));
    }
  }

  @Test
  void theAdminApiIsOffWithoutATokenAndRefusesAWrongOne() throws Exception {
    try (EmbeddedGateway gateway = EmbeddedGateway.start(TestConfig.sqlite(directory).write())) {
      assertEquals(404, Http.get(gateway.uri("/api/dead-letters")).statusCode());
    }
    Path other = directory.resolve("with-token");
    java.nio.file.Files.createDirectories(other);
    TestConfig config = TestConfig.sqlite(other).with("admin:\n  token: correct-token-0123456789");
    try (EmbeddedGateway gateway = EmbeddedGateway.start(config.write())) {
      HttpResponse<String> wrong = Http.get(gateway.uri("/api/dead-letters"), "Authorization", "Bearer nope");
      assertEquals(401, wrong.statusCode());
      assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
      HttpResponse<String> right = Http.get(gateway.uri("/api/dead-letters"),
          "Authorization", "Bearer correct-token-0123456789");
      assertEquals(200, right.statusCode());
      assertEquals(0, JSON.readTree(right.body()).get("deadLetters").size());
      assertEquals(404, Http.post(gateway.uri("/api/dead-letters/" + java.util.UUID.randomUUID() + "/replay"),
          null, "", "Authorization", "Bearer correct-token-0123456789").statusCode());
    }
  }

  @Test
  void aBadConfigurationStopsStartupWithAMessageNamingTheKey() throws Exception {
    Path config = TestConfig.sqlite(directory).write();
    java.nio.file.Files.writeString(config,
        java.nio.file.Files.readString(config).replace("type: phone", "type: telephone"));

    Exception failure = assertThrows(Exception.class, () -> EmbeddedGateway.start(config).close());

    String messages = messages(failure);
    assertTrue(messages.contains("forms[0].fields[3].type"), messages);
    assertTrue(messages.contains("unknown field type 'telephone'"), messages);
  }

  @Test
  void anUnknownCrmAdapterStopsStartupListingTheKnownOnes() throws Exception {
    Path config = TestConfig.sqlite(directory).write();
    java.nio.file.Files.writeString(config,
        java.nio.file.Files.readString(config).replace("adapter: log", "adapter: hubspot"));

    String messages = messages(assertThrows(Exception.class, () -> EmbeddedGateway.start(config).close()));

    assertTrue(messages.contains("crm.adapter"), messages);
    assertTrue(messages.contains("known ids: generic-http, log"), messages);
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
