package org.leadgate.crm.generic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadgate.spi.CrmAdapter;

/** The static credential modes, as the CRM receives them. */
class AuthModesTest {
  @RegisterExtension
  static WireMockExtension crm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String LEADS = "/leads?source=web";

  private CrmAdapter adapter;

  @BeforeEach
  void crmAcceptsAnything() {
    crm.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));
  }

  @AfterEach
  void close() {
    if (adapter != null) {
      adapter.close();
    }
  }

  @Test
  void bearerTokenGoesIntoTheAuthorizationHeader() {
    send("{type: bearer, token: tok-123}");

    crm.verify(postRequestedFor(urlEqualTo(LEADS)).withHeader("Authorization", equalTo("Bearer tok-123")));
  }

  @Test
  void basicCredentialsAreEncodedAsUtf8() {
    send("{type: basic, username: leadgate, password: 'pässword'}");

    crm.verify(postRequestedFor(urlEqualTo(LEADS))
        .withHeader("Authorization", equalTo("Basic bGVhZGdhdGU6cMOkc3N3b3Jk")));
  }

  @Test
  void apiKeyGoesIntoTheNamedHeader() {
    send("{type: apiKey, in: header, name: X-Api-Key, value: key-1}");

    crm.verify(postRequestedFor(urlEqualTo(LEADS)).withHeader("X-Api-Key", equalTo("key-1"))
        .withHeader("Authorization", absent()));
  }

  @Test
  void apiKeyInTheQueryIsEncodedAndKeepsTheTemplatesQuery() {
    send("{type: apiKey, in: query, name: api_key, value: 'k&y=1'}");

    crm.verify(postRequestedFor(urlEqualTo("/leads?source=web&api_key=k%26y%3D1")));
  }

  private void send(String auth) {
    adapter = TestSettings.adapter("""
        baseUrl: %s
        auth: %s
        create: {path: '/leads?source=web', body: '{"email": "{{fields.email}}"}'}
        """.formatted(crm.baseUrl(), auth), Clock.systemUTC());
    adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-1", "email", "a@example.com")));
  }
}
