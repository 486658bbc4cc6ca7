package org.leadgate.crm.generic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadgate.consent.Channel;
import org.leadgate.consent.ConsentStatus;
import org.leadgate.consent.LegalBasis;
import org.leadgate.lead.Lead;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.testing.MutableClock;

/** A generic target written from scratch: create, update and batch templates, keys, headers and answers. */
class TemplatedWritesTest {
  @RegisterExtension
  static WireMockExtension crm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(TestLeads.NOW);
  private CrmAdapter adapter;

  private final Lead ada = TestLeads.scored(TestLeads.withConsent(
      TestLeads.lead("lead-ada", "email", "ada@example.de", "company", "Analytical Engines"),
      Channel.EMAIL, "newsletter", ConsentStatus.CONFIRMED, LegalBasis.CONSENT_DOI), 30, 42, "mql");
  private final Lead grace = TestLeads.lead("lead-grace", "email", "grace@example.com");

  @AfterEach
  void close() {
    if (adapter != null) {
      adapter.close();
    }
  }

  @Test
  void knownLeadsAreUpdatedByIdAndNewOnesBatchedMatchedByOrderInOneCall() {
    crm.stubFor(post("/v1/leads:batch").willReturn(aResponse().withStatus(200)
        .withBody("{\"created\": [{\"ref\": 900}, {\"ref\": 901}]}")));
    crm.stubFor(put("/v1/leads/77").willReturn(aResponse().withStatus(204)));
    adapter = TestSettings.adapter(config(), clock);
    Lead known = TestLeads.lead("lead-known", "email", "known@example.com");

    List<DeliveryResult> results = adapter.deliverAll(List.of(
        TestLeads.delivery(ada), TestLeads.delivery(known, "77"), TestLeads.delivery(grace)));

    assertEquals(List.of(DeliveryResult.delivered("900"), DeliveryResult.delivered("77"),
        DeliveryResult.delivered("901")), results);
    assertEquals(Duration.ofSeconds(2), adapter.linger());
    assertEquals(50, adapter.batchLimit());
    crm.verify(1, postRequestedFor(urlEqualTo("/v1/leads:batch")).withRequestBody(equalToJson("""
        {"records": [
          {"email": "ada@example.de", "company": "Analytical Engines", "score": 72, "newsletter": true,
           "stage": "MQL"},
          {"email": "grace@example.com", "newsletter": false}],
         "source": "leadgate"}""")));
    crm.verify(1, putRequestedFor(urlEqualTo("/v1/leads/77"))
        .withHeader("Idempotency-Key", equalTo("lead-known:crm:2"))
        .withRequestBody(equalToJson("{\"id\": \"77\", \"email\": \"known@example.com\", \"newsletter\": false}")));
  }

  @Test
  void everyWriteCarriesAnIdempotencyKeyThatStaysTheSameWhenTheSameBatchIsSentAgain() {
    crm.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(503)));
    adapter = TestSettings.adapter(config(), clock);
    List<Delivery> batch = List.of(TestLeads.delivery(ada), TestLeads.delivery(grace));

    adapter.deliverAll(batch);
    adapter.deliverAll(batch);
    adapter.deliverAll(List.of(TestLeads.delivery(grace), TestLeads.delivery(ada)));

    List<LoggedRequest> requests = crm.findAll(postRequestedFor(urlEqualTo("/v1/leads:batch")));
    assertEquals(3, requests.size());
    String key = requests.get(0).getHeader("Idempotency-Key");
    assertTrue(key.matches("batch-[0-9a-f]{64}"), key);
    assertEquals(key, requests.get(1).getHeader("Idempotency-Key"));
    assertNotEquals(key, requests.get(2).getHeader("Idempotency-Key"));
  }

  @Test
  void aSingleNewLeadInABatchCarriesItsOwnKey() {
    crm.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"created\": [{\"ref\": 5}]}")));
    adapter = TestSettings.adapter(config(), clock);

    assertEquals(DeliveryResult.delivered("5"), adapter.deliver(TestLeads.delivery(grace)));
    crm.verify(postRequestedFor(urlEqualTo("/v1/leads:batch")).withHeader("Idempotency-Key", equalTo("lead-grace:crm")));
  }

  @Test
  void aLeadValueInAHeaderLosesItsLineBreaksSoItCannotAddAHeader() {
    crm.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));
    adapter = TestSettings.adapter("""
        baseUrl: %s
        headers: {X-Lead-Company: "{{fields.company}}", X-Source: leadgate}
        create: {path: /leads, body: '{}'}
        """.formatted(crm.baseUrl()), clock);
    Lead sneaky = TestLeads.lead("lead-1", "company", "Acme\r\nX-Admin: true\r\n\r\nGET / HTTP/1.1");

    adapter.deliver(TestLeads.delivery(sneaky));

    LoggedRequest request = crm.findAll(postRequestedFor(urlEqualTo("/leads"))).get(0);
    assertEquals("AcmeX-Admin: trueGET / HTTP/1.1", request.getHeader("X-Lead-Company"));
    assertFalse(request.containsHeader("X-Admin"));
    assertEquals("leadgate", request.getHeader("X-Source"));
  }

  @Test
  void aLeadWithoutTheValueAPathNeedsIsRejectedWithoutACall() {
    adapter = TestSettings.adapter("""
        baseUrl: %s
        create: {path: '/accounts/{{fields.accountNumber}}/leads', body: '{}'}
        """.formatted(crm.baseUrl()), clock);

    DeliveryResult.Rejected rejected =
        assertInstanceOf(DeliveryResult.Rejected.class, adapter.deliver(TestLeads.delivery(grace)));

    assertEquals("cannot build the create request: the URL needs {{fields.accountNumber}}, which this lead does not "
        + "have", rejected.reason());
    assertEquals(0, crm.getAllServeEvents().size());
  }

  private static String config() {
    return """
        baseUrl: %s
        values:
          - name: stage
            map: {mql: MQL, sql: SQL}
        parts:
          - name: record
            json: |
              {"email": "{{fields.email}}", "company": "{{fields.company}}", "score": "{{scoring.score}}",
               "newsletter": "{{consent.email.newsletter.permitted}}", "stage": "{{scoring.stage | stage}}"}
        create:
          path: /v1/leads
          body: '"{{parts.record}}"'
        update:
          method: PUT
          path: /v1/leads/{{crm.id}}
          body: '{"id": "{{crm.id}}", "email": "{{fields.email}}", "newsletter": "{{consent.email.newsletter.permitted}}"}'
        batch:
          limit: 50
          linger: 2s
          path: /v1/leads:batch
          body: '{"records": "{{items}}", "source": "leadgate"}'
          item: '"{{parts.record}}"'
          results: /created
          recordId: /ref
        """.formatted(crm.baseUrl());
  }
}
