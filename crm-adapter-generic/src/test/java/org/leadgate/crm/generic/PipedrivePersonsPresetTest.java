package org.leadgate.crm.generic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.testing.MutableClock;

/**
 * The {@code pipedrive-persons} preset against an emulation of Pipedrive's API v2 persons endpoints as documented:
 * add and update a person, {@code {success, data: {id}}} answers, and Pipedrive's error answers.
 */
class PipedrivePersonsPresetTest {
  private static final String TOKEN = "659c9fddb16335e48cc67114694b52074e812e03";
  private static final String PERSONS = "/api/v2/persons";

  @RegisterExtension
  static WireMockExtension pipedrive = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(TestLeads.NOW);
  private final Lead ada = TestLeads.lead("lead-ada", "firstName", "Ada", "lastName", "Lovelace",
      "email", "ada@example.de", "phone", "+49301234567");
  private CrmAdapter adapter;

  @AfterEach
  void close() {
    if (adapter != null) {
      adapter.close();
    }
  }

  @Test
  void addsAPersonAndUpdatesItByTheIdPipedriveReturned() {
    pipedrive.stubFor(post(PERSONS).willReturn(json(200, """
        {"success": true, "data": {"id": 42, "name": "Ada Lovelace", "owner_id": 7, "org_id": null,
         "emails": [{"value": "ada@example.de", "primary": true, "label": "work"}],
         "phones": [{"value": "+49301234567", "primary": true, "label": "work"}],
         "add_time": "2026-11-23T10:15:30Z", "update_time": null, "visible_to": 3}}""")));
    pipedrive.stubFor(patch(PERSONS + "/42").willReturn(json(200, """
        {"success": true, "data": {"id": 42, "name": "Ada King", "update_time": "2026-11-23T11:00:00Z"}}""")));
    adapter = pipedrive("");

    DeliveryResult added = adapter.deliver(TestLeads.delivery(ada));
    Lead renamed = ada.withField("lastName", new FieldValue("King", Provenance.typed("contact", TestLeads.NOW)));
    DeliveryResult updated = adapter.deliver(new Delivery(renamed, "lead-ada:crm:2", 1,
        ((DeliveryResult.Delivered) added).crmRecordId()));

    assertEquals(DeliveryResult.delivered("42"), added);
    assertEquals(DeliveryResult.delivered("42"), updated);
    pipedrive.verify(1, postRequestedFor(urlEqualTo(PERSONS))
        .withHeader("x-api-token", equalTo(TOKEN))
        .withHeader("Accept", equalTo("application/json"))
        .withHeader("Idempotency-Key", equalTo("lead-ada:crm"))
        .withRequestBody(equalToJson("""
            {"name": "Ada Lovelace",
             "emails": [{"value": "ada@example.de", "primary": true, "label": "work"}],
             "phones": [{"value": "+49301234567", "primary": true, "label": "work"}]}""")));
    pipedrive.verify(1, patchRequestedFor(urlEqualTo(PERSONS + "/42"))
        .withHeader("Idempotency-Key", equalTo("lead-ada:crm:2"))
        .withRequestBody(equalToJson("""
            {"name": "Ada King",
             "emails": [{"value": "ada@example.de", "primary": true, "label": "work"}],
             "phones": [{"value": "+49301234567", "primary": true, "label": "work"}]}""")));
  }

  @Test
  void aLeadWithoutPhoneSendsNoPhoneEntry() {
    pipedrive.stubFor(post(PERSONS).willReturn(json(200, "{\"success\": true, \"data\": {\"id\": 43}}")));
    adapter = pipedrive("");

    adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-b", "lastName", "Hopper", "email", "grace@example.com")));

    pipedrive.verify(postRequestedFor(urlEqualTo(PERSONS)).withRequestBody(equalToJson("""
        {"name": "Hopper", "emails": [{"value": "grace@example.com", "primary": true, "label": "work"}]}""")));
  }

  @Test
  void theTokenCanGoIntoTheQueryInstead() {
    pipedrive.stubFor(post(urlPathEqualTo(PERSONS)).willReturn(json(200, "{\"success\": true, \"data\": {\"id\": 44}}")));
    adapter = pipedrive("auth: {in: query, name: api_token, value: " + TOKEN + "}");

    assertEquals(DeliveryResult.delivered("44"), adapter.deliver(TestLeads.delivery(ada)));
    pipedrive.verify(postRequestedFor(urlEqualTo(PERSONS + "?api_token=" + TOKEN)).withHeader("x-api-token", absent()));
  }

  @Test
  void aMissingNameIsRejectedWithPipedrivesAnswer() {
    pipedrive.stubFor(post(PERSONS).willReturn(json(400, """
        {"success": false, "error": "Name must be given.",
         "error_info": "Please check developers.pipedrive.com for more information about Pipedrive API.",
         "data": null, "additional_data": null}""")));
    adapter = pipedrive("");

    DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class,
        adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-c", "email", "x@example.com"))));
    assertTrue(rejected.reason().startsWith("CRM answered 400: "), rejected.reason());
    assertTrue(rejected.reason().contains("Name must be given."), rejected.reason());
  }

  @Test
  void anUnauthorizedOrForbiddenTokenKeepsTheLeadQueued() {
    pipedrive.stubFor(post(PERSONS).willReturn(json(401, """
        {"success": false, "error": "unauthorized access", "errorCode": 401,
         "error_info": "Please check developers.pipedrive.com for more information about Pipedrive API."}""")));
    adapter = pipedrive("");
    assertInstanceOf(DeliveryResult.Retry.class, adapter.deliver(TestLeads.delivery(ada)));

    pipedrive.stubFor(post(PERSONS).willReturn(json(403, """
        {"success": false, "error": "You do not have permissions to add persons.",
         "error_info": "Please check developers.pipedrive.com for more information about Pipedrive API.",
         "data": null, "additional_data": null}""")));
    assertInstanceOf(DeliveryResult.Retry.class, adapter.deliver(TestLeads.delivery(ada)));
  }

  @Test
  void aRateLimitIsRetriedAfterTheSecondsPipedriveAsksFor() {
    pipedrive.stubFor(post(PERSONS).willReturn(json(429, """
        {"success": false, "error": "Request over limit", "errorCode": 429,
         "error_info": "Please check developers.pipedrive.com for more information about Pipedrive API."}""")
        .withHeader("Retry-After", "2")
        .withHeader("x-ratelimit-limit", "40")
        .withHeader("x-ratelimit-remaining", "0")
        .withHeader("x-ratelimit-reset", "2")));
    adapter = pipedrive("");

    DeliveryResult.Retry retry = assertInstanceOf(DeliveryResult.Retry.class, adapter.deliver(TestLeads.delivery(ada)));
    assertEquals(Optional.of(Duration.ofSeconds(2)), retry.retryAfter());
  }

  /** The preset with the token in the x-api-token header, or with the given {@code auth} overrides. */
  private CrmAdapter pipedrive(String auth) {
    return TestSettings.adapter("""
        preset: pipedrive-persons
        baseUrl: %s
        %s
        """.formatted(pipedrive.baseUrl(), auth.isEmpty() ? "auth: {value: " + TOKEN + "}" : auth), clock);
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }
}
