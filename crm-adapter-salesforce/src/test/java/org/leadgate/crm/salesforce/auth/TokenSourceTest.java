package org.leadgate.crm.salesforce.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadgate.testing.MutableClock;

class TokenSourceTest {
  @RegisterExtension
  static WireMockExtension login = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = MutableClock.atFixedStart();
  private TokenSource tokens;

  @BeforeEach
  void stubTokenEndpoint() {
    for (int i = 1; i <= 3; i++) {
      login.stubFor(post("/services/oauth2/token").withRequestBody(containing("grant_type=client_credentials"))
          .inScenario("tokens").whenScenarioStateIs(i == 1 ? Scenario.STARTED : "minted-" + (i - 1))
          .willSetStateTo("minted-" + i)
          .willReturn(okJson("{\"access_token\":\"TOKEN_" + i + "\",\"instance_url\":\"" + login.baseUrl()
              + "\",\"token_type\":\"Bearer\",\"issued_at\":\"1767603600000\",\"signature\":\"c2ln\"}")));
    }
    tokens = new TokenSource(new OkHttpClient(), HttpUrl.get(login.baseUrl() + "/services/oauth2/token"),
        new ClientCredentialsFlow("key", "secret"), Duration.ofHours(2), clock);
  }

  @Test
  void callers_that_saw_the_same_refused_session_share_one_renewal() {
    Session.Active first = (Session.Active) tokens.session();

    Session renewed = tokens.renew(first);
    Session again = tokens.renew(first);

    assertEquals("TOKEN_2", ((Session.Active) renewed).accessToken());
    assertSame(renewed, again);
    login.verify(2, postRequestedFor(urlEqualTo("/services/oauth2/token")));
  }

  @Test
  void concurrent_renewals_after_one_refusal_mint_a_single_session() throws Exception {
    Session.Active first = (Session.Active) tokens.session();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Session>> renewals = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      renewals.add(pool.submit(() -> {
        start.await();
        return tokens.renew(first);
      }));
    }
    start.countDown();
    for (Future<Session> renewal : renewals) {
      assertEquals("TOKEN_2", ((Session.Active) renewal.get()).accessToken());
    }
    pool.shutdown();

    login.verify(2, postRequestedFor(urlEqualTo("/services/oauth2/token")));
  }

  @Test
  void a_renewed_session_is_refused_again_only_by_minting_a_new_one() {
    Session.Active first = (Session.Active) tokens.session();
    Session.Active second = (Session.Active) tokens.renew(first);

    Session.Active third = (Session.Active) tokens.renew(second);

    assertNotEquals(second.accessToken(), third.accessToken());
    assertEquals("TOKEN_3", third.accessToken());
  }

  @Test
  void the_session_hides_its_token_in_to_string() {
    Session.Active session = (Session.Active) tokens.session();

    assertEquals(-1, session.toString().indexOf("TOKEN_1"), session.toString());
  }
}
