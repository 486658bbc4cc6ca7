package org.leadgate.crm.generic.inbound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;
import org.leadgate.config.FormConfig;
import org.leadgate.spi.InboundHook;

/**
 * Builds the inbound webhooks of the generic adapter from {@code crm.settings.inbound}: one
 * {@code POST /hooks/generic/{source}} per configured source.
 *
 * <pre>{@code
 * inbound:
 *   - source: shop
 *     form: contact
 *     auth: { hmac: { secret: "${SHOP_HOOK_SECRET}" } }
 *     mapping: { email: /contact/email, lastName: /contact/name }
 *     crmRecordId: /id
 *     changedAt: /updatedAt
 *     eventId: /eventId
 *     loopGuard: [ { pointer: /lastModifiedBy, value: leadgate-integration } ]
 * }</pre>
 */
public final class GenericWebhooks {
  /** The key below {@code crm.settings} that lists the sources. */
  public static final String KEY = "inbound";

  private GenericWebhooks() {}

  /**
   * The hooks of the sources listed under {@code inbound} in {@code settings} (the adapter's {@code crm.settings});
   * none if the key is absent. {@code clock} times how long used signatures are remembered.
   *
   * @throws ConfigException naming the key of an unknown key, a missing or bad value, or a source named twice
   */
  public static List<InboundHook> from(ConfigNode settings, Clock clock, List<FormConfig> forms) {
    List<InboundHook> hooks = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode node : settings.list(KEY)) {
      InboundSource source = InboundSource.from(node, clock);
      if (forms.stream().noneMatch(form -> form.id().equals(source.form()))) {
        throw node.error("form", "unknown form '" + source.form() + "'; declare it under forms");
      }
      if (!names.add(source.name())) {
        throw node.error("source", "'" + source.name() + "' is configured twice");
      }
      hooks.add(new GenericWebhook(source));
    }
    return List.copyOf(hooks);
  }
}
