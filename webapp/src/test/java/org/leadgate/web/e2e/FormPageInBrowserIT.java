package org.leadgate.web.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.web.testing.EmbeddedGateway;
import org.leadgate.testing.Eventually;
import org.leadgate.web.testing.HeadlessChromium;
import org.leadgate.web.testing.StoredRows;
import org.leadgate.web.testing.TestConfig;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** A person fills in the form in a real browser (Debian's Chromium, headless), gets it wrong, then right. */
class FormPageInBrowserIT {
  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir
  Path directory;

  private EmbeddedGateway gateway;
  private StoredRows rows;
  private WebDriver browser;

  @BeforeEach
  void start() throws Exception {
    TestConfig config = TestConfig.sqlite(directory).thankYouUrl("/thanks")
        .withConsent(smtp.getSmtp().getPort(), "b2c");
    rows = config.rows();
    gateway = EmbeddedGateway.start(config.write());
    browser = HeadlessChromium.start(directory);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    gateway.close();
  }

  @Test
  void aPersonWhoForgetsARequiredFieldSeesWhyKeepsWhatTheyTypedAndThenGetsThrough() throws Exception {
    browser.get(gateway.uri("/").toString());
    browser.findElement(By.id("field-firstName")).sendKeys("Ada");
    browser.findElement(By.id("field-email")).sendKeys("ada@example.de");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    Eventually.await("the form is shown again with messages", Duration.ofSeconds(10),
        () -> !browser.findElements(By.cssSelector("p.error")).isEmpty());

    List<WebElement> messages = browser.findElements(By.cssSelector("p.error"));
    assertEquals(List.of("lastName is required"), messages.stream().map(WebElement::getText).toList());
    assertEquals("true", browser.findElement(By.id("field-lastName")).getAttribute("aria-invalid"));
    assertEquals("Ada", browser.findElement(By.id("field-firstName")).getAttribute("value"));
    assertEquals("ada@example.de", browser.findElement(By.id("field-email")).getAttribute("value"));
    assertEquals(0, rows.count("leads"), "nothing stored for the invalid post");

    browser.findElement(By.id("field-lastName")).sendKeys("Lovelace");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    Eventually.await("the thank-you page", Duration.ofSeconds(10),
        () -> browser.getCurrentUrl().endsWith("/thanks"));

    assertEquals("Thank you", browser.findElement(By.tagName("h1")).getText());
    assertEquals(1, rows.count("leads"));
  }

  @Test
  void aPersonWhoTicksTheNewsletterBoxIsAskedToCheckTheirInboxAndGetsTheMail() throws Exception {
    browser.get(gateway.uri("/").toString());
    WebElement box = browser.findElement(By.id("consent-newsletterOptIn"));
    assertEquals(null, box.getAttribute("checked"), "never pre-ticked");
    assertEquals("Yes, send me the ACME newsletter about widgets. I can withdraw at any time.",
        browser.findElement(By.cssSelector("label[for=consent-newsletterOptIn]")).getText());
    browser.findElement(By.id("field-lastName")).sendKeys("Lovelace");
    browser.findElement(By.id("field-email")).sendKeys("ada@example.de");
    box.click();
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    Eventually.await("the thank-you page", Duration.ofSeconds(10),
        () -> browser.getCurrentUrl().contains("/thanks"));

    assertEquals(true, browser.findElement(By.tagName("p")).getText().contains("Please check your inbox"));
    assertEquals(true, smtp.waitForIncomingEmail(10_000, 1));
    assertEquals("ada@example.de", smtp.getReceivedMessages()[0].getAllRecipients()[0].toString());
  }
}
