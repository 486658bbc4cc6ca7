package org.leadgate.web.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * The generic inbound webhook over HTTP: a CRM posts a signed JSON lead to {@code /hooks/generic/crm}, the gateway
 * stores it and writes it back as an update of the CRM's record (WireMock); a tampered body or an old timestamp is
 * refused with nothing stored, and LeadGate's own write-back coming back is skipped (no loop).
 */
class GenericWebhookIT {
  private static final String SECRET = "webhook-secret-0123456789abcdef";

  @RegisterExtension
  static WireMockExtension crm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path directory;

  private EmbeddedGateway gateway;
  private StoredRows rows;

  @BeforeEach
  void start() throws Exception {
    crm.stubFor(post("/contacts").willReturn(aResponse().withStatus(201).withBody("{\"id\":\"new-1\"}")));
    crm.stubFor(patch(urlPathEqualTo("/contacts/c-42")).willReturn(aResponse().withStatus(200)));
    TestConfig config = TestConfig.sqlite(directory).crm("""
        crm:
          adapter: generic-http
          settings:
            baseUrl: %s
            create: { method: POST, path: /contacts, body: '{"email": "{{fields.email}}", "name": "{{fields.lastName}}"}', recordId: /id }
            update: { method: PATCH, path: "/contacts/{{crm.id}}", body: '{"email": "{{fields.email}}", "name": "{{fields.lastName}}", "leadgate_sync": true}' }
            inbound:
              - source: crm
                form: contact
                auth: { hmac: { secret: %s } }
                mapping: { email: /email, lastName: /name }
                crmRecordId: /id
                eventId: /eventId
                loopGuard:
                  - { pointer: /leadgate_sync, value: "true" }
        """.formatted(crm.baseUrl(), SECRET));
    rows = config.rows();
    gateway = EmbeddedGateway.start(config.write());
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private HttpResponse<String> send(String body, long timestamp, String signedBody) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = HexFormat.of().formatHex(
        mac.doFinal((timestamp + "." + signedBody).getBytes(StandardCharsets.UTF_8)));
    return Http.post(gateway.uri("/hooks/generic/crm"), "application/json", body,
        "X-LeadGate-Timestamp", Long.toString(timestamp), "X-LeadGate-Signature", signature);
  }

  @Test
  void aSignedLeadFromTheCrmIsStoredAndWrittenBackAsAnUpdateOfItsRecord() throws Exception {
    String body = "{\"id\":\"c-42\",\"eventId\":\"e-1\",\"email\":\"ada@acme.de\",\"name\":\"Lovelace\"}";
    long now = Instant.now().getEpochSecond();

    HttpResponse<String> accepted = send(body, now, body);

    assertEquals(202, accepted.statusCode(), accepted.body());
    Eventually.await("the CRM record is updated", Duration.ofSeconds(10),
        () -> crm.findAll(patchRequestedFor(
            urlPathEqualTo("/contacts/c-42"))).size() == 1);
    JsonNode update = new ObjectMapper().readTree(crm.findAll(
        patchRequestedFor(urlPathEqualTo("/contacts/c-42")))
        .get(0).getBodyAsString());
    assertEquals("ada@acme.de", update.get("email").asText());
    assertEquals(0, crm.findAll(postRequestedFor(
        urlPathEqualTo("/contacts"))).size(), "no second record in the CRM");

    String echo = "{\"id\":\"c-42\",\"eventId\":\"e-2\",\"email\":\"ada@acme.de\",\"name\":\"Lovelace\","
        + "\"leadgate_sync\":true}";
    HttpResponse<String> ownUpdate = send(echo, now, echo);
    assertEquals(200, ownUpdate.statusCode(), "LeadGate's own write-back is acknowledged and skipped");
    assertEquals(1, rows.count("leads"), "and not stored: no loop");
  }

  @Test
  void aTamperedBodyAnOldTimestampAndAReplayAreRefusedWithNothingStored() throws Exception {
    String body = "{\"id\":\"c-7\",\"eventId\":\"e-7\",\"email\":\"grace@acme.de\",\"name\":\"Hopper\"}";
    long now = Instant.now().getEpochSecond();

    assertEquals(401, send(body.replace("Hopper", "Lovelace"), now, body).statusCode(), "tampered body");
    assertEquals(401, send(body, now - 3600, body).statusCode(), "timestamp outside the tolerance");
    assertEquals(0, rows.count("leads"));
    assertEquals(202, send(body, now, body).statusCode());
    assertEquals(401, send(body, now, body).statusCode(), "the same signature again is a replay");
    assertEquals(1, rows.count("leads"));
  }
}
