package org.leadgate.crm.generic.inbound;

import java.util.Optional;
import org.leadgate.config.FormConfig;
import org.leadgate.config.FieldType;
import org.leadgate.config.FieldConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.leadgate.config.ConfigNode;
import org.leadgate.intake.Submission;
import org.leadgate.spi.HookRequest;
import org.leadgate.spi.InboundHook;

/** Builds configured webhooks and the requests senders make, signing them as a sender would. */
final class Webhooks {
  static final String SECRET = "shop-hook-secret-0123456789";
  static final String TOKEN = "shop-bearer-token-0123456789";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Webhooks() {}

  /** {@code crm.settings} with the given {@code inbound} list. */
  static ConfigNode settings(List<Map<String, ?>> inbound) {
    return ConfigNode.of(MAPPER.valueToTree(Map.of("inbound", inbound)), "crm.settings");
  }

  /** A source named {@code shop} for the form {@code contact}, with {@code auth} and these extra keys. */
  static Map<String, Object> source(Map<String, ?> auth, Map<String, ?> extra) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("source", "shop");
    source.put("form", "contact");
    source.put("auth", auth);
    source.put("mapping", Map.of("email", "/contact/email", "lastName", "/contact/name"));
    source.put("crmRecordId", "/id");
    source.put("eventId", "/eventId");
    source.put("loopGuard", List.of(Map.of("pointer", "/lastModifiedBy", "value", "leadgate-integration"),
        Map.of("pointer", "/properties/leadgate_sync", "value", "true")));
    source.putAll(extra);
    return source;
  }

  /** The gateway's forms: {@code contact}, which the test sources submit to. */
  static final List<FormConfig> FORMS = List.of(new FormConfig("contact", "Contact",
      List.of(new FieldConfig("email", "Email", FieldType.EMAIL, true, 254)), "/thanks", List.of(), List.of(),
      FormConfig.Audience.UNKNOWN, Optional.empty(), Optional.empty(), Optional.empty()));

  static Map<String, ?> hmac() {
    return Map.of("hmac", Map.of("secret", SECRET));
  }

  static Map<String, ?> bearer() {
    return Map.of("bearer", Map.of("token", TOKEN));
  }

  static InboundHook hook(Map<String, ?> source, Clock clock) {
    List<InboundHook> hooks = GenericWebhooks.from(settings(List.of(source)), clock, FORMS);
    if (hooks.size() != 1) {
      throw new AssertionError("expected one hook but got " + hooks);
    }
    return hooks.get(0);
  }

  /** Hex HMAC-SHA256 of {@code timestamp + "." + body}, computed here independently of the code under test. */
  static String signature(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static HookRequest request(String method, Map<String, String> headers, String body, Instant receivedAt) {
    return new HookRequest(method, Map.of(), headers, body.getBytes(StandardCharsets.UTF_8),
        Submission.RequestContext.NONE, receivedAt);
  }

  /** A JSON POST signed with {@code secret} at {@code signedAt}, received at {@code receivedAt}. */
  static HookRequest signed(String body, String secret, Instant signedAt, Instant receivedAt) {
    return request("POST", Map.of("Content-Type", "application/json",
        "X-LeadGate-Timestamp", Long.toString(signedAt.getEpochSecond()),
        "X-LeadGate-Signature", signature(secret, signedAt.getEpochSecond(), body)), body, receivedAt);
  }
}
