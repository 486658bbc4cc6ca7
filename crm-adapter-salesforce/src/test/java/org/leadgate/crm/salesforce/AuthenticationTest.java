package org.leadgate.crm.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.testing.MutableClock;

class AuthenticationTest {
  private final MutableClock clock = MutableClock.atFixedStart();
  private final SalesforceEmulator salesforce = new SalesforceEmulator(clock);
  private SalesforceAdapter adapter;

  @AfterEach
  void close() {
    if (adapter != null) {
      adapter.close();
    }
    salesforce.close();
  }

  @Test
  void jwt_assertion_is_rs256_signed_with_the_configured_key_and_carries_the_documented_claims() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);

    assertInstanceOf(DeliveryResult.Delivered.class, deliverOne("lead-1"));

    List<JsonNode> verified = salesforce.verifiedAssertions();
    assertEquals(1, verified.size(), "the emulator checked the signature with the public key");
    JsonNode claims = verified.get(0);
    assertEquals(SalesforceEmulator.CLIENT_ID, claims.path("iss").asText());
    assertEquals(SalesforceEmulator.USERNAME, claims.path("sub").asText());
    assertEquals("https://login.salesforce.com", claims.path("aud").asText());
    assertEquals(clock.instant().plus(Duration.ofMinutes(3)).getEpochSecond(), claims.path("exp").asLong());
  }

  @Test
  void an_assertion_signed_with_another_key_is_refused_as_invalid_grant_and_the_lead_retried() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String otherKey = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----";
    adapter = TestSettings.jwtBearer(salesforce).with("auth", Map.of("clientId", SalesforceEmulator.CLIENT_ID,
        "username", SalesforceEmulator.USERNAME, "privateKey", otherKey)).adapter(clock);

    DeliveryResult.Retry retry = assertInstanceOf(DeliveryResult.Retry.class, deliverOne("lead-1"));

    assertTrue(retry.reason().contains("invalid_grant (invalid assertion)"), retry.reason());
    assertEquals(0, salesforce.apiCalls());
  }

  @Test
  void a_user_who_has_not_approved_the_app_gets_invalid_grant_shown_in_health() {
    salesforce.approvedUsers(Set.of("someone.else@acme.example"));
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);

    DeliveryResult.Retry retry = assertInstanceOf(DeliveryResult.Retry.class, deliverOne("lead-1"));

    assertTrue(retry.reason().contains("invalid_grant (user hasn't approved this consumer)"), retry.reason());
    assertTrue(String.valueOf(adapter.health().get("auth")).contains("user hasn't approved this consumer"));
    assertEquals(0, salesforce.apiCalls());
  }

  @Test
  void a_configured_audience_goes_into_the_assertion() {
    salesforce.audience("https://test.salesforce.com");
    adapter = TestSettings.jwtBearer(salesforce).with("auth", Map.of("clientId", SalesforceEmulator.CLIENT_ID,
        "username", SalesforceEmulator.USERNAME, "privateKey", SalesforceEmulator.privateKeyPem(),
        "audience", "https://test.salesforce.com")).adapter(clock);

    assertInstanceOf(DeliveryResult.Delivered.class, deliverOne("lead-1"));
    assertEquals("https://test.salesforce.com", salesforce.verifiedAssertions().get(0).path("aud").asText());
  }

  @Test
  void a_wrong_audience_is_refused() {
    salesforce.audience("https://test.salesforce.com");
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);

    DeliveryResult.Retry retry = assertInstanceOf(DeliveryResult.Retry.class, deliverOne("lead-1"));

    assertTrue(retry.reason().contains("audience is invalid"), retry.reason());
  }

  @Test
  void client_credentials_flow_logs_in_with_key_and_secret() {
    adapter = TestSettings.clientCredentials(salesforce.baseUrl(), SalesforceEmulator.CLIENT_SECRET).adapter(clock);

    assertInstanceOf(DeliveryResult.Delivered.class, deliverOne("lead-1"));
    assertEquals("client-credentials", adapter.health().get("flow"));
    assertEquals("ok", adapter.health().get("auth"));
  }

  @Test
  void client_credentials_with_a_wrong_secret_get_invalid_client_and_retry() {
    adapter = TestSettings.clientCredentials(salesforce.baseUrl(), "wrong").adapter(clock);

    DeliveryResult.Retry retry = assertInstanceOf(DeliveryResult.Retry.class, deliverOne("lead-1"));

    assertTrue(retry.reason().contains("invalid_client (invalid client credentials)"), retry.reason());
  }

  @Test
  void the_session_is_reused_and_renewed_at_three_quarters_of_the_session_timeout() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);

    deliverOne("lead-1");
    clock.advance(Duration.ofMinutes(89));
    deliverOne("lead-2");
    assertEquals(1, salesforce.tokenRequests(), "2h timeout: the session is kept for 90 minutes");

    clock.advance(Duration.ofMinutes(2));
    deliverOne("lead-3");
    assertEquals(2, salesforce.tokenRequests());
  }

  @Test
  void an_expired_session_is_renewed_once_and_the_call_repeated_once() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);
    deliverOne("lead-1");
    salesforce.expireSessions();

    DeliveryResult result = deliverOne("lead-2");

    assertInstanceOf(DeliveryResult.Delivered.class, result);
    assertEquals(2, salesforce.tokenRequests());
    assertEquals(2, salesforce.apiCalls(), "the refused call is not charged; the repeat is");
  }

  @Test
  void a_fresh_session_refused_too_rejects_without_looping() {
    adapter = TestSettings.jwtBearer(salesforce).adapter(clock);
    salesforce.refuseEverySession();

    DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class, deliverOne("lead-1"));

    assertTrue(rejected.reason().contains("401 INVALID_SESSION_ID"), rejected.reason());
    assertEquals(2, salesforce.tokenRequests(), "one session, one renewal");
  }

  @Test
  void api_calls_go_to_the_instance_url_from_the_token_response_not_the_login_host() {
    String loginUrl = salesforce.baseUrl().replace("localhost", "127.0.0.1");
    adapter = TestSettings.jwtBearer(salesforce).with("loginUrl", loginUrl).adapter(clock);

    deliverOne("lead-1");

    assertTrue(salesforce.headers("Host").get(0).startsWith("localhost:"), salesforce.headers("Host").toString());
  }

  @Test
  void an_unreachable_login_host_retries() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    adapter = TestSettings.jwtBearer(salesforce).with("loginUrl", "http://localhost:" + closedPort)
        .with("timeout", "2s").adapter(clock);

    DeliveryResult.Retry retry = assertInstanceOf(DeliveryResult.Retry.class, deliverOne("lead-1"));

    assertTrue(retry.reason().startsWith("Salesforce token endpoint unreachable"), retry.reason());
  }

  private DeliveryResult deliverOne(String id) {
    return adapter.deliver(TestLeads.delivery(TestLeads.person(id)));
  }
}
