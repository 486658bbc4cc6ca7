package org.leadgate.crm.salesforce.webtolead;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.leadgate.config.ConfigNode;
import org.leadgate.config.FormConfig;
import org.leadgate.crm.salesforce.hooks.FieldMapping;
import org.leadgate.crm.salesforce.hooks.SalesforceId;
import org.leadgate.crm.salesforce.hooks.StandardLeadField;
import org.leadgate.crm.salesforce.hooks.TargetForm;

/**
 * The drop-in's settings, read from {@code crm.settings.webToLead}.
 *
 * @param organization the org whose {@code oid} the forms must carry
 * @param form the form each post is submitted to
 * @param fields posted parameter (standard, {@code 00N…} custom field id, or consent box) to form field
 * @param returnUrls where visitors may be sent on to
 */
record WebToLeadSettings(SalesforceId organization, TargetForm form, FieldMapping fields, ReturnUrls returnUrls) {
  private static final Pattern CUSTOM_FIELD_ID = Pattern.compile("00N[A-Za-z0-9]{12}");

  WebToLeadSettings {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(returnUrls, "returnUrls");
  }

  static WebToLeadSettings from(ConfigNode section, List<FormConfig> forms) {
    section.allowOnly("organizationId", "form", "returnHosts", "allowHttpReturn", "fields", "customFields");
    SalesforceId organization = SalesforceId.read(section, "organizationId", "00D", "organization");
    TargetForm form = TargetForm.read(section, "form", forms);
    Set<String> targets = new LinkedHashSet<>(form.fields());
    targets.addAll(form.consentBoxes());
    Map<String, String> standard = StandardLeadField.byParam();
    FieldMapping fields = FieldMapping.read(section, "fields", standard, targets, standard::containsKey,
        "is not a Web-to-Lead parameter; known: " + String.join(", ", standard.keySet())
            + " (custom fields go under customFields by their 00N… id)");
    FieldMapping customFields = FieldMapping.read(section, "customFields", Map.of(), targets,
        name -> CUSTOM_FIELD_ID.matcher(name).matches(), "must be a 15-character custom field id starting with 00N");
    Map<String, String> consentBoxes = new LinkedHashMap<>();
    form.consentBoxes().forEach(box -> consentBoxes.put(box, box));
    return new WebToLeadSettings(organization, form, fields.and(customFields).and(new FieldMapping(consentBoxes)),
        ReturnUrls.read(section, "returnHosts", "allowHttpReturn"));
  }
}
