package org.leadgate.crm.salesforce.consent;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.leadgate.consent.Channel;
import org.leadgate.consent.Permissions;
import org.leadgate.lead.Lead;

/**
 * The consent fields written on the Lead with every save: {@code HasOptedOutOfEmail} unless some email purpose is
 * permitted, {@code DoNotCall} unless some phone purpose is, and the configured checkboxes and dates. They are
 * always sent, so a withdrawal in LeadGate overrides whatever Salesforce holds.
 */
public final class ConsentFlags {
  private final ConsentSettings settings;

  public ConsentFlags(ConsentSettings settings) {
    this.settings = settings;
  }

  public Map<String, Object> fields(Lead lead) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("HasOptedOutOfEmail", !permitsAny(lead.permissions(), Channel.EMAIL));
    fields.put("DoNotCall", !permitsAny(lead.permissions(), Channel.PHONE));
    settings.checkboxes().forEach((permit, field) -> fields.put(field, permits(lead.permissions(), permit)));
    String captured = lead.receivedAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
    settings.dates().forEach((permit, field) ->
        fields.put(field, permits(lead.permissions(), permit) ? captured : null));
    return fields;
  }

  static boolean permitsAny(Permissions permissions, Channel channel) {
    return permissions.entries().stream().anyMatch(p -> p.channel() == channel && p.permitted());
  }

  private static boolean permits(Permissions permissions, ConsentSettings.Permit permit) {
    return permissions.entries().stream().anyMatch(p -> p.channel() == permit.channel()
        && p.purpose().equals(permit.purpose()) && p.permitted());
  }
}
