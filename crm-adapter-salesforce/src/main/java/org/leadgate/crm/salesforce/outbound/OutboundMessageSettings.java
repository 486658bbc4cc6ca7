package org.leadgate.crm.salesforce.outbound;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.leadgate.config.ConfigNode;
import org.leadgate.config.FormConfig;
import org.leadgate.crm.salesforce.hooks.FieldMapping;
import org.leadgate.crm.salesforce.hooks.SalesforceId;
import org.leadgate.crm.salesforce.hooks.StandardLeadField;
import org.leadgate.crm.salesforce.hooks.TargetForm;
import org.leadgate.http.Secrets;

/**
 * The webhook's settings, read from {@code crm.settings.outboundMessages}.
 *
 * @param organization the only org whose messages are taken
 * @param secret the token the endpoint URL carries as {@code ?secret=}; never shown
 * @param form the form each Lead is submitted to
 * @param fields Lead API name to form field
 * @param integrationUser LeadGate's own API user: changes it made are not taken back in
 */
record OutboundMessageSettings(SalesforceId organization, String secret, TargetForm form, FieldMapping fields,
    SalesforceId integrationUser) {
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9._~-]{16,}");
  private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  OutboundMessageSettings {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(integrationUser, "integrationUser");
  }

  static OutboundMessageSettings from(ConfigNode section, List<FormConfig> forms) {
    section.allowOnly("organizationId", "secret", "form", "fields", "integrationUserId");
    SalesforceId organization = SalesforceId.read(section, "organizationId", "00D", "organization");
    String secret = section.string("secret");
    if (!SECRET.matcher(secret).matches()) {
      // the value is not echoed: it is a secret
      throw section.error("secret", "must be at least 16 URL-safe characters (letters, digits, '.', '_', '~', '-'),"
          + " for example from 'openssl rand -hex 24'");
    }
    TargetForm form = TargetForm.read(section, "form", forms);
    FieldMapping fields = FieldMapping.read(section, "fields", StandardLeadField.byApiName(), form.fields(),
        name -> API_NAME.matcher(name).matches(), "must be a Lead field API name such as Email or Budget__c");
    SalesforceId integrationUser = SalesforceId.read(section, "integrationUserId", "005", "user");
    return new OutboundMessageSettings(organization, secret, form, fields, integrationUser);
  }

  /** Compares in constant time, whatever the lengths. */
  boolean secretMatches(String given) {
    return Secrets.matches(secret, given);
  }

  @Override
  public String toString() {
    return "OutboundMessageSettings[organization=" + organization.key() + ", secret=(hidden), form=" + form.id()
        + ", fields=" + fields.leadFields() + ", integrationUser=" + integrationUser.key() + "]";
  }
}
