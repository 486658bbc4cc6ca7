package org.leadgate.web.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.crm.salesforce.SalesforceEmulator;
import org.leadgate.web.testing.EmbeddedGateway;
import org.leadgate.testing.Eventually;
import org.leadgate.web.testing.HeadlessChromium;
import org.leadgate.web.testing.SalesforceCrm;
import org.leadgate.web.testing.StoredRows;
import org.leadgate.web.testing.TestConfig;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The Web-to-Lead drop-in in a real browser: a page carries the form exactly as Salesforce's Web-to-Lead generator
 * writes it, only its {@code action} pointing at the gateway. A visitor fills it in, lands on the page's
 * {@code retURL}, and the lead reaches Salesforce (the stateful emulation) with every mapped field; a form generated
 * for another org is refused.
 */
class SalesforceWebToLeadIT {
  private static final String BUDGET_FIELD_ID = "00N5j00000AbCdE";
  private static final String ANOTHER_ORG = "00D5j000009QwEr";

  /** The company website that hosts the form and its thank-you page. */
  @RegisterExtension
  static WireMockExtension website = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path directory;

  private SalesforceEmulator salesforce;
  private EmbeddedGateway gateway;
  private StoredRows rows;
  private WebDriver browser;

  @BeforeEach
  void start() throws Exception {
    salesforce = new SalesforceEmulator(Clock.systemUTC());
    TestConfig config = TestConfig.sqlite(directory).withFields(SalesforceCrm.FORM_FIELDS)
        .crm(SalesforceCrm.section(salesforce, directory, """
                webToLead:
                  organizationId: %s
                  form: contact
                  returnHosts: [localhost]
                  allowHttpReturn: true
                  customFields: { %s: budget }
            """.formatted(SalesforceEmulator.ORG_ID, BUDGET_FIELD_ID)));
    rows = config.rows();
    gateway = EmbeddedGateway.start(config.write());
    website.stubFor(get("/danke").willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody("<!DOCTYPE html><html><head><title>Danke</title></head><body><h1>Danke!</h1></body></html>")));
    browser = HeadlessChromium.start(directory);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (gateway != null) {
      gateway.close();
    }
    salesforce.close();
  }

  /** Serves the generated form for the org {@code oid} at {@code path} of the website and opens it. */
  private void openGeneratedForm(String path, String oid) throws IOException {
    String page;
    try (InputStream html = getClass().getResourceAsStream("salesforce-web-to-lead.html")) {
      page = new String(html.readAllBytes(), StandardCharsets.UTF_8);
    }
    website.stubFor(get(path).willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody(page.replace("{{gateway}}", "http://127.0.0.1:" + gateway.port())
            .replace("{{oid}}", oid)
            .replace("{{retURL}}", returnUrl()))));
    browser.get(website.baseUrl() + path);
  }

  private String returnUrl() {
    return "http://localhost:" + website.getPort() + "/danke";
  }

  private void fillInAndSubmit() {
    browser.findElement(By.id("first_name")).sendKeys("Grace");
    browser.findElement(By.id("last_name")).sendKeys("Hopper");
    browser.findElement(By.id("email")).sendKeys("grace.hopper@initech.de");
    browser.findElement(By.id("company")).sendKeys("Initech AG");
    browser.findElement(By.id("city")).sendKeys("München");
    browser.findElement(By.id("phone")).sendKeys("+49 89 1234567");
    browser.findElement(By.cssSelector("#lead_source option[value='Trade Show']")).click();
    browser.findElement(By.id(BUDGET_FIELD_ID)).sendKeys("50000");
    browser.findElement(By.name("submit")).click();
  }

  /** The HTTP status of the page the browser shows (the Navigation Timing entry's response status). */
  private long pageStatus() {
    return (Long) ((JavascriptExecutor) browser).executeScript(
        "return performance.getEntriesByType('navigation')[0].responseStatus;");
  }

  @Test
  void aVisitorSubmitsTheGeneratedFormLandsOnItsReturnPageAndSalesforceGetsTheLeadWithEveryMappedField()
      throws Exception {
    openGeneratedForm("/kontakt", SalesforceEmulator.ORG_ID.substring(0, 15));

    fillInAndSubmit();

    Eventually.await("the browser is sent on to retURL", Duration.ofSeconds(15),
        () -> browser.getCurrentUrl().equals(returnUrl()));
    assertEquals("Danke!", browser.findElement(By.tagName("h1")).getText());
    List<String> leadIds = rows.leadIds();
    assertEquals(1, leadIds.size());
    Eventually.await("the lead is delivered", Duration.ofSeconds(15),
        () -> rows.outboxStatus(leadIds.get(0)).equals("delivered"));
    List<ObjectNode> leads = salesforce.records("Lead");
    assertEquals(1, leads.size(), "one Lead in Salesforce");
    ObjectNode lead = leads.get(0);
    assertEquals(leadIds.get(0), lead.path("LeadGate_Id__c").asText(), "upserted by LeadGate's id");
    assertEquals("Grace", lead.path("FirstName").asText());
    assertEquals("Hopper", lead.path("LastName").asText());
    assertEquals("grace.hopper@initech.de", lead.path("Email").asText());
    assertEquals("Initech AG", lead.path("Company").asText());
    assertEquals("München", lead.path("City").asText(), "UTF-8 as the form's encoding says");
    assertEquals("+49891234567", lead.path("Phone").asText());
    assertEquals("Trade Show", lead.path("LeadSource").asText());
    assertEquals("50000", lead.path("Budget__c").asText(), "the custom field, posted under its 00N… id");
    assertEquals(true, lead.path("HasOptedOutOfEmail").asBoolean(), "no consent was given on the form");
    assertEquals(List.of("PATCH composite/sobjects/Lead/LeadGate_Id__c"), salesforce.calls());
  }

  @Test
  void aFormGeneratedForAnotherOrgIsRefusedWith403AndNothingIsStoredOrSent() throws Exception {
    openGeneratedForm("/alt", ANOTHER_ORG);

    fillInAndSubmit();

    Eventually.await("the refusal page", Duration.ofSeconds(15),
        () -> browser.getCurrentUrl().startsWith(gateway.uri("/servlet/servlet.WebToLead").toString()));
    assertEquals(403, pageStatus());
    assertEquals("Your details could not be sent", browser.findElement(By.tagName("h1")).getText());
    assertEquals(0, rows.count("submissions"));
    assertEquals(0, rows.count("leads"));
    assertEquals(List.of(), salesforce.records("Lead"));
    assertEquals(0, salesforce.apiCalls());
  }
}
