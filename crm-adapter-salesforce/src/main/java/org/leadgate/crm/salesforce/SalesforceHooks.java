package org.leadgate.crm.salesforce;

import java.util.ArrayList;
import java.util.List;
import org.leadgate.config.ConfigNode;
import org.leadgate.config.FormConfig;
import org.leadgate.crm.salesforce.outbound.OutboundMessageHook;
import org.leadgate.crm.salesforce.webtolead.WebToLeadHook;
import org.leadgate.spi.InboundHook;

/**
 * Builds the Salesforce adapter's inbound hooks from {@code crm.settings}: the Outbound Message webhook when
 * {@value #OUTBOUND_MESSAGES} is set, the Web-to-Lead drop-in when {@value #WEB_TO_LEAD} is set.
 */
public final class SalesforceHooks {
  public static final String OUTBOUND_MESSAGES = "outboundMessages";
  public static final String WEB_TO_LEAD = "webToLead";

  private SalesforceHooks() {}

  /** The hooks configured in {@code settings} ({@code crm.settings}), whose forms must be among {@code forms}. */
  public static List<InboundHook> from(ConfigNode settings, List<FormConfig> forms) {
    List<InboundHook> hooks = new ArrayList<>();
    if (settings.has(OUTBOUND_MESSAGES)) {
      hooks.add(OutboundMessageHook.from(settings.section(OUTBOUND_MESSAGES), forms));
    }
    if (settings.has(WEB_TO_LEAD)) {
      hooks.add(WebToLeadHook.from(settings.section(WEB_TO_LEAD), forms));
    }
    return List.copyOf(hooks);
  }
}
