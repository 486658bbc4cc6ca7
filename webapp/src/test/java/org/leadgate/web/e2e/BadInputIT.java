package org.leadgate.web.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.web.testing.EmbeddedGateway;
import org.leadgate.web.testing.Http;
import org.leadgate.web.testing.StoredRows;
import org.leadgate.web.testing.TestConfig;

/** Every kind of bad submission gets a clear 4xx (or 503) and leaves nothing behind in storage. */
class BadInputIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path directory;

  private EmbeddedGateway gateway;
  private StoredRows rows;

  @BeforeEach
  void startGateway() throws Exception {
    TestConfig config = TestConfig.sqlite(directory)
        .with("intake:\n  maxBodyBytes: 1024\n  commitTimeout: 5s")
        .withFormLines("    allowedOrigins: [\"https://www.example.de\"]");
    rows = config.rows();
    gateway = EmbeddedGateway.start(config.write());
  }

  @AfterEach
  void stopGateway() throws Exception {
    gateway.close();
  }

  private void assertNothingStored() throws Exception {
    assertEquals(0, rows.count("submissions"), "submissions");
    assertEquals(0, rows.count("leads"), "leads");
    assertEquals(0, rows.count("outbox"), "outbox");
  }

  private static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonNode body = JSON.readTree(response.body());
    assertEquals(status, body.get("status").asInt());
    return body;
  }

  @Test
  void anUnknownFormIsNotFoundAndStoresNothing() throws Exception {
    JsonNode body = problem(Http.postForm(gateway.uri("/forms/no-such-form"), Map.of("lastName", "X"),
        "Accept", "application/json"), 404);

    assertTrue(body.get("detail").asText().contains("/forms/no-such-form"));
    assertNothingStored();
  }

  @Test
  void missingAndMalformedFieldsAreListedEachWithItsReasonForApiClients() throws Exception {
    JsonNode body = problem(Http.post(gateway.uri("/forms/contact"), "application/json",
        "{\"email\":\"not-an-address\",\"phone\":\"call me\"}", "Accept", "application/json"), 400);

    assertEquals("https://leadgate.org/problems/invalid-fields", body.get("type").asText());
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    body.get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("reason").asText()));
    assertEquals(Map.of("lastName", "is required", "email", "is not a valid email address",
        "phone", "is not a valid phone number"), errors);
    assertNothingStored();
  }

  @Test
  void aBrowserSeesTheFormAgainWithAMessageAtEachFieldAndWhatItTyped() throws Exception {
    HttpResponse<String> response = Http.postForm(gateway.uri("/forms/contact"),
        Map.of("firstName", "Ada <script>", "email", "ada@example.de", "_idempotency_key", "token-1"));

    assertEquals(400, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    String page = response.body();
    assertTrue(page.contains("<p class=\"error\" id=\"field-lastName-error\">lastName is required</p>"), page);
    assertTrue(page.contains("value=\"ada@example.de\""), "typed email kept");
    assertTrue(page.contains("value=\"Ada &lt;script&gt;\""), "typed name kept, escaped");
    assertTrue(page.contains("name=\"_idempotency_key\" value=\"token-1\""), "same token for the retry");
    assertNothingStored();
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413() throws Exception {
    JsonNode body = problem(Http.postForm(gateway.uri("/forms/contact"),
        Map.of("lastName", "X", "email", "x@example.de", "message", "a".repeat(2000)),
        "Accept", "application/json"), 413);

    assertTrue(body.get("detail").asText().contains("1024 bytes"));
    assertNothingStored();
  }

  @Test
  void aChunkedBodyOverTheLimitIsRefusedWith413() throws Exception {
    byte[] large = ("lastName=X&email=x%40example.de&message=" + "a".repeat(2000)).getBytes();
    HttpRequest request = HttpRequest.newBuilder(gateway.uri("/forms/contact"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)))
        .build();

    problem(Http.send(request), 413);
    assertNothingStored();
  }

  @Test
  void aMethodOtherThanGetOrPostIsRefusedWith405NamingTheAllowedOnes() throws Exception {
    HttpResponse<String> response = Http.send(HttpRequest.newBuilder(gateway.uri("/forms/contact"))
        .method("PUT", HttpRequest.BodyPublishers.ofString("{\"lastName\":\"X\"}"))
        .header("Content-Type", "application/json").header("Accept", "application/json").build());

    problem(response, 405);
    assertEquals("GET, HEAD, POST, OPTIONS", response.headers().firstValue("Allow").orElseThrow());
    assertNothingStored();
  }

  @Test
  void aWrongContentTypeIsRefusedWith415() throws Exception {
    JsonNode body = problem(Http.post(gateway.uri("/forms/contact"), "text/plain", "lastName=X",
        "Accept", "application/json"), 415);

    assertTrue(body.get("detail").asText().contains("text/plain"));
    assertNothingStored();
  }

  @Test
  void malformedJsonIsRefusedWith400() throws Exception {
    JsonNode body = problem(Http.post(gateway.uri("/forms/contact"), "application/json", "{\"lastName\": ",
        "Accept", "application/json"), 400);

    assertTrue(body.get("detail").asText().contains("not valid JSON"));
    assertNothingStored();
  }

  @Test
  void aPageFromAnOriginNotAllowedForTheFormIsRefusedWith403() throws Exception {
    JsonNode body = problem(Http.postForm(gateway.uri("/forms/contact"),
        Map.of("lastName", "X", "email", "x@example.de"),
        "Accept", "application/json", "Origin", "https://evil.example.com"), 403);

    assertTrue(body.get("detail").asText().contains("https://evil.example.com"));
    assertNothingStored();
  }

  @Test
  void anAllowedOriginMayPostAndGetsCorsHeaders() throws Exception {
    HttpRequest preflight = HttpRequest.newBuilder(gateway.uri("/forms/contact"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://www.example.de")
        .header("Access-Control-Request-Method", "POST")
        .build();
    HttpResponse<String> allowed = Http.send(preflight);
    assertEquals(204, allowed.statusCode());
    assertEquals("https://www.example.de", allowed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());

    HttpResponse<String> response = Http.post(gateway.uri("/forms/contact"), "application/json",
        "{\"lastName\":\"X\",\"email\":\"x@example.de\"}",
        "Accept", "application/json", "Origin", "https://www.example.de");
    assertEquals(202, response.statusCode());
    assertEquals("https://www.example.de", response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
  }

  @Test
  void aLockedDatabaseAnswers503WithRetryAfterAndNeverA2xx() throws Exception {
    try (Connection lock = rows.connect(); Statement statement = lock.createStatement()) {
      statement.execute("BEGIN EXCLUSIVE");
      HttpResponse<String> response = Http.post(gateway.uri("/forms/contact"), "application/json",
          "{\"lastName\":\"X\",\"email\":\"x@example.de\"}", "Accept", "application/json");

      JsonNode body = problem(response, 503);
      assertEquals("5", response.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(body.get("detail").asText().contains("not accepted"));
      statement.execute("ROLLBACK");
    }
    assertNothingStored();
  }
}
