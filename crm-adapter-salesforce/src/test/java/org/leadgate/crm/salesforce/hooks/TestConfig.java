package org.leadgate.crm.salesforce.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.config.ConfigNode;
import org.leadgate.config.FieldConfig;
import org.leadgate.config.FieldType;
import org.leadgate.config.FormConfig;
import org.leadgate.config.FormConsentConfig;
import org.leadgate.consent.Channel;

/** Configuration sections and forms for tests. */
public final class TestConfig {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestConfig() {}

  /** A section at {@code path} holding {@code values}. */
  public static ConfigNode section(String path, Map<String, ?> values) {
    return ConfigNode.of(MAPPER.valueToTree(values), path);
  }

  public static FieldConfig field(String name, FieldType type) {
    return new FieldConfig(name, name, type, false, 255);
  }

  public static FieldConfig field(String name, String label, FieldType type, boolean required) {
    return new FieldConfig(name, label, type, required, 255);
  }

  public static FormConsentConfig emailConsent(String box) {
    return new FormConsentConfig(box, Channel.EMAIL, "newsletter", "newsletter-v1");
  }

  public static FormConfig form(String id, List<FieldConfig> fields, List<FormConsentConfig> consents) {
    return new FormConfig(id, id, fields, "/thanks", List.of(), consents, FormConfig.Audience.B2B, Optional.empty(),
        Optional.empty(), Optional.empty());
  }
}
