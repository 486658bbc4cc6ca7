package org.leadgate.web.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.crm.salesforce.SalesforceEmulator;
import org.leadgate.web.testing.EmbeddedGateway;
import org.leadgate.testing.Eventually;
import org.leadgate.web.testing.Http;
import org.leadgate.web.testing.SalesforceCrm;
import org.leadgate.web.testing.StoredRows;
import org.leadgate.web.testing.TestConfig;

/**
 * The Outbound Message webhook end to end: Salesforce (the stateful emulation) sends changed Leads as SOAP to
 * {@code /hooks/salesforce/outbound}; the gateway acknowledges, enriches (a company data provider on WireMock),
 * consent-checks and scores each Lead and writes it back as an update of that Lead, once per notification however
 * often and in whatever order Salesforce resends; its own write coming back as a notification is skipped, so nothing
 * loops. A wrong secret and a DOCTYPE are refused with nothing stored.
 */
class SalesforceOutboundMessageIT {
  private static final String SECRET = "om-secret-6f1c2a9e0b7d4c3a";
  private static final String SALES_REP = "0055j00000SaLeSAAA";
  private static final String ACK = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
      + "<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Ack>true</Ack>"
      + "</notificationsResponse></soapenv:Body></soapenv:Envelope>";
  private static final String UPDATE_BY_ID = "PATCH composite/sobjects";

  /** A company data provider, looked up by the email's domain. */
  @RegisterExtension
  static WireMockExtension companies = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path directory;

  private SalesforceEmulator salesforce;
  private EmbeddedGateway gateway;
  private StoredRows rows;
  private String gibbons;
  private String rossi;

  @BeforeEach
  void start() throws Exception {
    salesforce = new SalesforceEmulator(Clock.systemUTC());
    gibbons = salesforce.seed("Lead", Map.of("FirstName", "Peter", "LastName", "Gibbons", "Company", "Initech AG",
        "Email", "p.gibbons@initech.de", "HasOptedOutOfEmail", false));
    rossi = salesforce.seed("Lead", Map.of("FirstName", "Mario", "LastName", "Rossi", "Company", "Globex GmbH",
        "Email", "m.rossi@globex.de", "HasOptedOutOfEmail", false));
    companies.stubFor(get("/companies/initech.de")
        .willReturn(okJson("{\"city\":\"Berlin\",\"industry\":\"software\"}")));
    TestConfig config = TestConfig.sqlite(directory).withFields(SalesforceCrm.FORM_FIELDS)
        .crm(SalesforceCrm.section(salesforce, directory, """
                outboundMessages:
                  organizationId: %s
                  secret: %s
                  form: contact
                  integrationUserId: %s
            """.formatted(SalesforceEmulator.ORG_ID, SECRET, SalesforceEmulator.INTEGRATION_USER_ID)))
        .with("""
            enrichment:
              providers:
                - name: companies
                  type: http-json
                  settings: { url: "%s/companies/{domain}", fields: { city: /city, industry: /industry } }
            scoring:
              fit:
                - { id: software, field: industry, in: [software], points: 30 }
            """.formatted(companies.baseUrl()));
    rows = config.rows();
    gateway = EmbeddedGateway.start(config.write());
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    salesforce.close();
  }

  // ---- Outbound Messages as the Outbound Messaging WSDL describes them ----

  /** One {@code Notification} about a Lead; {@code fields} are the message's selected fields by API name. */
  private static String notification(String notificationId, String leadId, Map<String, String> fields) {
    String values = new TreeMap<>(fields).entrySet().stream()
        .map(field -> "     <sf:" + field.getKey() + ">" + field.getValue() + "</sf:" + field.getKey() + ">\n")
        .collect(Collectors.joining());
    return """
           <Notification>
            <Id>%s</Id>
            <sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
             <sf:Id>%s</sf:Id>
        %s     <sf:Phone xsi:nil="true"/>
            </sObject>
           </Notification>
        """.formatted(notificationId, leadId, values);
  }

  private static String envelope(String notifications) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
                          xmlns:xsd="http://www.w3.org/2001/XMLSchema"
                          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <soapenv:Body>
          <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
           <OrganizationId>%s</OrganizationId>
           <ActionId>04k5j000000AbCdAAK</ActionId>
           <SessionId xsi:nil="true"/>
           <EnterpriseUrl>https://acme.my.salesforce.com/services/Soap/c/62.0/00D5j000001uVaT</EnterpriseUrl>
           <PartnerUrl>https://acme.my.salesforce.com/services/Soap/u/62.0/00D5j000001uVaT</PartnerUrl>
        %s  </notifications>
         </soapenv:Body>
        </soapenv:Envelope>
        """.formatted(SalesforceEmulator.ORG_ID, notifications);
  }

  /** The message about a Lead as a sales rep changed it: its fields, last modified by that rep. */
  private static String changedBy(String modifiedBy, String notificationId, String leadId, String email,
      String lastName, String company) {
    return envelope(notification(notificationId, leadId, Map.of("Email", email, "LastName", lastName,
        "Company", company, "HasOptedOutOfEmail", "false", "LastModifiedById", modifiedBy,
        "LastModifiedDate", "2025-03-14T09:26:53.000Z")));
  }

  private HttpResponse<String> send(String secret, String body) throws Exception {
    return Http.post(gateway.uri("/hooks/salesforce/outbound?secret=" + secret), "text/xml; charset=utf-8", body);
  }

  private void assertAcknowledged(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
    assertEquals(ACK, response.body());
  }

  private static void assertClientFault(int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.body().contains("<faultcode>soapenv:Client</faultcode>"), response.body());
  }

  /** The lead whose delivery updates this Salesforce record. */
  private String leadIdUpdating(String salesforceId) throws Exception {
    return rows.value("SELECT lead_id FROM outbox WHERE crm_record_id = ?", salesforceId);
  }

  private void awaitDelivered(String salesforceId) throws Exception {
    Eventually.await("the lead about " + salesforceId + " is delivered", Duration.ofSeconds(20), () -> {
      String leadId = leadIdUpdating(salesforceId);
      return leadId != null && rows.outboxStatus(leadId).equals("delivered");
    });
  }

  private long updateCalls() {
    return salesforce.calls().stream().filter(UPDATE_BY_ID::equals).count();
  }

  // ---- tests ----

  @Test
  void aChangedLeadIsWrittenBackEnrichedScoredAndConsentCheckedAsOneUpdateHoweverOftenAndInWhateverOrderItIsResent()
      throws Exception {
    String gibbonsChanged = changedBy(SALES_REP, "04l5j00000XyZ12AAB", gibbons, "p.gibbons@initech.de", "Gibbons",
        "Initech AG");
    String rossiChanged = changedBy(SALES_REP, "04l5j00000XyZ13AAB", rossi, "m.rossi@globex.de", "Rossi",
        "Globex GmbH");

    for (String message : List.of(gibbonsChanged, rossiChanged, gibbonsChanged)) {
      assertAcknowledged(send(SECRET, message));
    }
    awaitDelivered(gibbons);
    awaitDelivered(rossi);
    for (String lateResend : List.of(rossiChanged, gibbonsChanged)) {
      assertAcknowledged(send(SECRET, lateResend));
    }
    String lumbergh = salesforce.seed("Lead", Map.of("LastName", "Lumbergh", "Company", "Initech AG",
        "Email", "b.lumbergh@initech.de"));
    assertAcknowledged(send(SECRET, changedBy(SALES_REP, "04l5j00000XyZ14AAB", lumbergh, "b.lumbergh@initech.de",
        "Lumbergh", "Initech AG")));
    awaitDelivered(lumbergh);

    assertEquals(3, rows.count("leads"), "one lead per notification; the resends are replays");
    ObjectNode written = salesforce.record("Lead", gibbons).orElseThrow();
    assertEquals(leadIdUpdating(gibbons), written.path("LeadGate_Id__c").asText());
    assertEquals("Berlin", written.path("City").asText(), "enriched by the company data provider");
    assertEquals(30, written.path("LeadGate_Score__c").asInt(), "scored on the enriched industry");
    assertEquals("software:+30", written.path("LeadGate_Reasons__c").asText());
    assertEquals(true, written.path("HasOptedOutOfEmail").asBoolean(),
        "a CRM flag is no consent: without a permission in LeadGate, email is opted out");
    assertEquals(true, written.path("DoNotCall").asBoolean());
    assertEquals("Initech AG", written.path("Company").asText());
    assertEquals(1, salesforce.saves(gibbons), "the Lead is updated once, before and after the late resends");
    assertEquals(1, salesforce.saves(rossi), "and so is the other");
    assertEquals(1, salesforce.saves(lumbergh), "the later change went through after them");
    assertEquals(3, salesforce.records("Lead").size(), "no Lead is created");
    assertTrue(salesforce.calls().stream().allMatch(UPDATE_BY_ID::equals),
        "updates by Salesforce id only: " + salesforce.calls());
  }

  @Test
  void anOlderChangeThatSalesforceResendsAfterANewerOneDoesNotWriteItsValuesBack() throws Exception {
    Map<String, String> lead = Map.of("Email", "p.gibbons@initech.de", "LastName", "Gibbons",
        "HasOptedOutOfEmail", "false", "LastModifiedById", SALES_REP);
    Map<String, String> atTen = new HashMap<>(lead);
    atTen.putAll(Map.of("Company", "Initech Holding AG", "LastModifiedDate", "2025-03-14T10:00:00.000Z"));
    Map<String, String> atNine = new HashMap<>(lead);
    atNine.putAll(Map.of("Company", "Initech AG", "LastModifiedDate", "2025-03-14T09:00:00.000Z"));

    assertAcknowledged(send(SECRET, envelope(notification("04l5j00000XyZ30AAB", gibbons, atTen))));
    awaitDelivered(gibbons);
    assertAcknowledged(send(SECRET, envelope(notification("04l5j00000XyZ31AAB", gibbons, atNine))));

    String leadId = leadIdUpdating(gibbons);
    Eventually.await("the late change is merged into the lead, which is delivered", Duration.ofSeconds(20),
        () -> rows.count("lead_merges") == 1L && rows.outboxStatus(leadId).equals("delivered"));
    assertEquals("Initech Holding AG", salesforce.record("Lead", gibbons).orElseThrow().path("Company").asText(),
        "the change of ten o'clock stays, though the one of nine arrived later");
  }

  @Test
  void leadGatesOwnWriteComingBackAsANotificationIsAcknowledgedAndWritesNothing() throws Exception {
    assertAcknowledged(send(SECRET, changedBy(SALES_REP, "04l5j00000XyZ12AAB", gibbons, "p.gibbons@initech.de",
        "Gibbons", "Initech AG")));
    awaitDelivered(gibbons);
    long updatesBefore = updateCalls();
    ObjectNode written = salesforce.record("Lead", gibbons).orElseThrow();

    HttpResponse<String> echo = send(SECRET, changedBy(SalesforceEmulator.INTEGRATION_USER_ID,
        "04l5j00000XyZ20AAB", gibbons, written.path("Email").asText(), written.path("LastName").asText(),
        written.path("Company").asText()));

    assertAcknowledged(echo);
    assertEquals(1, rows.count("leads"), "the echo is not stored");
    assertAcknowledged(send(SECRET, changedBy(SALES_REP, "04l5j00000XyZ21AAB", rossi, "m.rossi@globex.de", "Rossi",
        "Globex GmbH")));
    awaitDelivered(rossi);
    assertEquals(updatesBefore + 1, updateCalls(), "only the later change of another Lead was written");
    assertEquals(1, salesforce.saves(gibbons), "the echoed Lead was not written again");
  }

  @Test
  void aWrongOrMissingSecretIsRefusedWith403AndNothingIsStored() throws Exception {
    String message = changedBy(SALES_REP, "04l5j00000XyZ12AAB", gibbons, "p.gibbons@initech.de", "Gibbons",
        "Initech AG");

    assertClientFault(403, send("om-secret-guessed-0000000000", message));
    assertClientFault(403, Http.post(gateway.uri("/hooks/salesforce/outbound"), "text/xml", message));

    assertEquals(0, rows.count("submissions"));
    assertEquals(0, rows.count("leads"));
    assertEquals(0, salesforce.saves(gibbons));
  }

  @Test
  void aDoctypeIsRefusedWith400WhereItStandsSoNoEntityIsDeclaredExpandedOrFetched() throws Exception {
    String externalEntity = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE notifications [ <!ENTITY secret SYSTEM "%s/xxe"> <!ENTITY %% remote SYSTEM "%s/xxe-dtd"> %%remote; ]>
        """.formatted(companies.baseUrl(), companies.baseUrl())
        + envelope(notification("04l5j00000XyZ12AAB", gibbons, Map.of("Email", "&secret;", "LastName", "Gibbons",
            "LastModifiedById", SALES_REP))).replaceFirst("<\\?xml[^>]*>\n", "");
    String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [ <!ENTITY lol \"lol\">"
        + entities(9) + " ]>\n" + envelope(notification("04l5j00000XyZ13AAB", gibbons,
            Map.of("Email", "&lol9;", "LastName", "Gibbons", "LastModifiedById", SALES_REP)))
        .replaceFirst("<\\?xml[^>]*>\n", "");

    for (String payload : List.of(externalEntity, laughs)) {
      HttpResponse<String> refused = send(SECRET, payload);
      assertClientFault(400, refused);
      assertTrue(refused.body().contains("DOCTYPE") && refused.body().contains("at line 2 "),
          "refused at the DOCTYPE on line 2: " + refused.body());
    }

    assertEquals(List.of(), companies.findAll(anyRequestedFor(urlPathEqualTo("/xxe"))));
    assertEquals(List.of(), companies.findAll(anyRequestedFor(urlPathEqualTo("/xxe-dtd"))));
    assertEquals(0, rows.count("submissions"));
    assertEquals(0, rows.count("leads"));
  }

  /** {@code lol1} … {@code lolN}, each ten of the one before: {@code 10^N} copies once expanded. */
  private static String entities(int levels) {
    Map<String, String> declarations = new LinkedHashMap<>();
    for (int level = 1; level <= levels; level++) {
      String previous = level == 1 ? "&lol;" : "&lol" + (level - 1) + ";";
      declarations.put("lol" + level, previous.repeat(10));
    }
    return declarations.entrySet().stream()
        .map(entry -> " <!ENTITY " + entry.getKey() + " \"" + entry.getValue() + "\">")
        .collect(Collectors.joining());
  }
}
