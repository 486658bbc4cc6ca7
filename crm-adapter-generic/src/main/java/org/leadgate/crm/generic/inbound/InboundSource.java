package org.leadgate.crm.generic.inbound;

import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;
import org.leadgate.config.ConfigNode;

/**
 * One configured sender of webhooks, served at {@code /hooks/generic/{name}}.
 *
 * @param name the {@code source}: lower-case letters, digits and dashes; part of the path and of idempotency keys
 * @param form the form whose fields and checks the leads get
 * @param maxItems the most items one request may hold
 * @param maxBodyBytes the largest body taken (the web application's {@code intake.maxBodyBytes} applies first)
 */
record InboundSource(String name, String form, Authentication authentication, ItemMapping mapping, int maxItems,
    int maxBodyBytes) {
  static final int DEFAULT_MAX_ITEMS = 100;
  static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  InboundSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(authentication, "authentication");
    Objects.requireNonNull(mapping, "mapping");
  }

  static InboundSource from(ConfigNode node, Clock clock) {
    node.allowOnly("source", "form", "auth", "mapping", "crmRecordId", "changedAt", "eventId", "loopGuard",
        "maxItems", "maxBodyBytes");
    String name = node.string("source");
    if (!NAME.matcher(name).matches()) {
      throw node.error("source", "must be 1 to 63 lower-case letters, digits and dashes but was '" + name + "'");
    }
    if (!node.has("auth")) {
      throw node.error("auth", "is required: hmac or bearer");
    }
    return new InboundSource(name, node.string("form"), Authentication.from(node.section("auth"), clock),
        ItemMapping.from(node), node.integer("maxItems", DEFAULT_MAX_ITEMS, 1, 1000),
        node.integer("maxBodyBytes", DEFAULT_MAX_BODY_BYTES, 1024, 16 * 1024 * 1024));
  }
}
