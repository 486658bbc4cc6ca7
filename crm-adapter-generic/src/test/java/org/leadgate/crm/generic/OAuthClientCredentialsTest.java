package org.leadgate.crm.generic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.testing.MutableClock;

/** OAuth 2.0 client credentials: a token endpoint that issues a new token on every call, and a CRM that checks it. */
class OAuthClientCredentialsTest {
  private static final String TOKEN_PATH = "/oauth/token";
  private static final String LEADS = "/api/leads";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(TestLeads.NOW);
  private CrmAdapter adapter;

  @BeforeEach
  void tokenEndpointIssuesTokenOneThenTokenTwo() {
    server.stubFor(post(TOKEN_PATH).inScenario("tokens").whenScenarioStateIs(STARTED).willSetStateTo("second")
        .willReturn(json(200, "{\"access_token\": \"token-1\", \"token_type\": \"Bearer\", \"expires_in\": 3600}")));
    server.stubFor(post(TOKEN_PATH).inScenario("tokens").whenScenarioStateIs("second")
        .willReturn(json(200, "{\"access_token\": \"token-2\", \"token_type\": \"Bearer\", \"expires_in\": 3600}")));
  }

  @AfterEach
  void close() {
    if (adapter != null) {
      adapter.close();
    }
  }

  @Test
  void fetchesATokenWithClientCredentialsAndReusesItUntilShortlyBeforeItExpires() {
    crmAccepts("token-1");
    crmAccepts("token-2");
    adapter = adapter("basic");

    adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-1", "email", "a@example.com")));
    clock.advance(Duration.ofSeconds(3600 - 31));
    adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-2", "email", "b@example.com")));
    server.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));

    clock.advance(Duration.ofSeconds(1));
    assertEquals(DeliveryResult.delivered("crm-token-2"),
        adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-3", "email", "c@example.com"))));
    server.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH))
        .withHeader("Authorization", equalTo("Basic bGVhZGdhdGU6czNjcmV0"))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withRequestBody(equalTo("grant_type=client_credentials&scope=crm.write")));
    server.verify(2, postRequestedFor(urlEqualTo(LEADS)).withHeader("Authorization", equalTo("Bearer token-1")));
    server.verify(1, postRequestedFor(urlEqualTo(LEADS)).withHeader("Authorization", equalTo("Bearer token-2")));
  }

  @Test
  void aTokenTheCrmNoLongerTakesIsRenewedAndTheWriteSentOnceMore() {
    crmAccepts("token-2");
    server.stubFor(post(LEADS).withHeader("Authorization", equalTo("Bearer token-1"))
        .willReturn(json(401, "{\"error\": \"invalid_token\"}")));
    adapter = adapter("basic");

    DeliveryResult result = adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-1", "email", "a@example.com")));

    assertEquals(DeliveryResult.delivered("crm-token-2"), result);
    server.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    server.verify(2, postRequestedFor(urlEqualTo(LEADS)).withHeader("Idempotency-Key", equalTo("lead-1:crm")));
  }

  @Test
  void aSecond401IsNotRetriedAgainButClassifiedByItsStatus() {
    server.stubFor(post(LEADS).willReturn(json(401, "{\"error\": \"invalid_token\"}")));
    adapter = adapter("basic");

    DeliveryResult result = adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-1", "email", "a@example.com")));

    assertInstanceOf(DeliveryResult.Rejected.class, result);
    server.verify(2, postRequestedFor(urlEqualTo(LEADS)));
    server.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
  }

  @Test
  void clientCredentialsCanGoIntoTheFormInstead() {
    crmAccepts("token-1");
    adapter = adapter("body");

    adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-1", "email", "a@example.com")));

    server.verify(postRequestedFor(urlEqualTo(TOKEN_PATH)).withoutHeader("Authorization").withRequestBody(
        equalTo("grant_type=client_credentials&scope=crm.write&client_id=leadgate&client_secret=s3cret")));
  }

  @Test
  void aTokenEndpointThatRefusesTheClientKeepsTheLeadForRetryWithoutCallingTheCrm() {
    server.resetAll();
    server.stubFor(post(TOKEN_PATH).willReturn(json(401, "{\"error\": \"invalid_client\"}")));
    adapter = adapter("basic");

    DeliveryResult result = adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-1", "email", "a@example.com")));

    assertEquals(DeliveryResult.retry("the OAuth token endpoint answered 401 invalid_client"), result);
    server.verify(0, postRequestedFor(urlEqualTo(LEADS)));
  }

  private void crmAccepts(String token) {
    server.stubFor(post(LEADS).withHeader("Authorization", equalTo("Bearer " + token))
        .willReturn(json(201, "{\"id\": \"crm-" + token + "\"}")));
  }

  private CrmAdapter adapter(String clientAuth) {
    return TestSettings.adapter("""
        baseUrl: %s
        auth:
          type: oauth2
          tokenUrl: %s/oauth/token
          clientId: leadgate
          clientSecret: s3cret
          scope: crm.write
          clientAuth: %s
        create:
          path: /api/leads
          body: '{"email": "{{fields.email}}"}'
          recordId: /id
        """.formatted(server.baseUrl(), server.baseUrl(), clientAuth), clock);
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }
}
