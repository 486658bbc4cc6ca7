package org.leadgate.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole validated configuration of one gateway. */
public record GatewayConfig(
    Path dataDirectory,
    StorageConfig storage,
    IntakeConfig intake,
    DeliveryConfig delivery,
    CrmConfig crm,
    AdminConfig admin,
    List<FormConfig> forms) {

  public GatewayConfig {
    forms = List.copyOf(forms);
  }

  public Optional<FormConfig> form(String id) {
    return forms.stream().filter(f -> f.id().equals(id)).findFirst();
  }

  static GatewayConfig from(ConfigNode root) {
    root.allowOnly("dataDirectory", "storage", "intake", "delivery", "crm", "admin", "forms");
    Path dataDirectory = Path.of(root.string("dataDirectory", "./data")).toAbsolutePath().normalize();
    List<ConfigNode> formNodes = root.list("forms");
    if (formNodes.isEmpty()) {
      throw root.error("forms", "declare at least one form");
    }
    List<FormConfig> forms = formNodes.stream().map(FormConfig::from).toList();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < forms.size(); i++) {
      Integer first = seen.putIfAbsent(forms.get(i).id(), i);
      if (first != null) {
        throw new ConfigException(formNodes.get(i).keyPath("id"),
            "form id '" + forms.get(i).id() + "' is already used by forms[" + first + "]");
      }
    }
    return new GatewayConfig(
        dataDirectory,
        StorageConfig.from(root.section("storage"), dataDirectory),
        IntakeConfig.from(root.section("intake")),
        DeliveryConfig.from(root.section("delivery")),
        CrmConfig.from(root.section("crm")),
        AdminConfig.from(root.section("admin")),
        forms);
  }
}
