package org.leadgate.web.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.leadgate.crm.salesforce.SalesforceEmulator;

/**
 * The {@code crm:} section for the Salesforce adapter writing to a {@link SalesforceEmulator}: JWT bearer login with
 * the emulated connected app's key, the test form's fields mapped to Lead fields, and the score and its reasons.
 */
public final class SalesforceCrm {
  /** The form fields the mapping reads, beyond the test form's own: add them with {@link TestConfig#withFields}. */
  public static final String[] FORM_FIELDS = {
      "{ name: company, type: text }", "{ name: city, type: text }", "{ name: leadSource, type: text }",
      "{ name: budget, type: text }"};

  private SalesforceCrm() {}

  /**
   * The section, its private key written to {@code directory}; {@code hooks} are further {@code crm.settings} keys
   * (YAML indented by four spaces), such as {@code outboundMessages} or {@code webToLead}.
   */
  public static String section(SalesforceEmulator salesforce, Path directory, String hooks) throws IOException {
    Path key = Files.writeString(directory.resolve("salesforce-jwt.key"), SalesforceEmulator.privateKeyPem());
    return """
        crm:
          adapter: salesforce
          settings:
            loginUrl: %s
            auth:
              flow: jwt-bearer
              clientId: %s
              username: %s
              privateKeyFile: %s
            batch: { linger: 100ms }
            fields:
              firstName: FirstName
              lastName: LastName
              email: Email
              company: Company
              phone: Phone
              city: City
              leadSource: LeadSource
              budget: Budget__c
            scoring: { score: LeadGate_Score__c, reasons: LeadGate_Reasons__c }
        """.formatted(salesforce.baseUrl(), SalesforceEmulator.CLIENT_ID, SalesforceEmulator.USERNAME, key) + hooks;
  }
}
