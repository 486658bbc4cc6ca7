package org.leadgate.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.duplicates.MatchRule;
import org.leadgate.scoring.ScoringConfig;

/** The whole validated configuration of one gateway. */
public record GatewayConfig(
    Path dataDirectory,
    StorageConfig storage,
    IntakeConfig intake,
    DeliveryConfig delivery,
    CrmConfig crm,
    AdminConfig admin,
    ConsentConfig consent,
    EnrichmentConfig enrichment,
    QualityConfig quality,
    ScoringConfig scoring,
    MatchRule duplicates,
    List<FormConfig> forms) {

  public GatewayConfig {
    forms = List.copyOf(forms);
  }

  /** The same configuration on other storage (tests and embedders). */
  public GatewayConfig withStorage(StorageConfig other) {
    return new GatewayConfig(dataDirectory, other, intake, delivery, crm, admin, consent, enrichment, quality, scoring,
        duplicates, forms);
  }

  public Optional<FormConfig> form(String id) {
    return forms.stream().filter(f -> f.id().equals(id)).findFirst();
  }

  static GatewayConfig from(ConfigNode root) {
    root.allowOnly(
        "dataDirectory", "storage", "intake", "delivery", "crm", "admin", "consent", "enrichment", "quality", "scoring",
        "duplicates", "forms");
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
    ConsentConfig consent = ConsentConfig.from(root.section("consent"));
    checkConsents(formNodes, forms, consent, root);
    EnrichmentConfig enrichment = EnrichmentConfig.from(root.section("enrichment"));
    checkEnrichment(formNodes, forms, enrichment);
    return new GatewayConfig(
        dataDirectory,
        StorageConfig.from(root.section("storage"), dataDirectory),
        IntakeConfig.from(root.section("intake")),
        DeliveryConfig.from(root.section("delivery")),
        CrmConfig.from(root.section("crm")),
        AdminConfig.from(root.section("admin")),
        consent,
        enrichment,
        QualityConfig.from(root.section("quality")),
        ScoringConfig.from(root.section("scoring")),
        MatchRule.from(root.section("duplicates")),
        forms);
  }

  /** A form's enrichment list names configured providers only. */
  private static void checkEnrichment(List<ConfigNode> formNodes, List<FormConfig> forms, EnrichmentConfig enrichment) {
    for (int f = 0; f < forms.size(); f++) {
      List<String> names = forms.get(f).enrichment().orElse(List.of());
      for (int i = 0; i < names.size(); i++) {
        if (enrichment.provider(names.get(i)).isEmpty()) {
          throw new ConfigException(formNodes.get(f).keyPath("enrichment") + "[" + i + "]",
              "unknown provider '" + names.get(i) + "'; declare it under enrichment.providers");
        }
      }
    }
  }

  /** Every consent box names a declared purpose and wording, and links in mails need the public URL. */
  private static void checkConsents(List<ConfigNode> formNodes, List<FormConfig> forms, ConsentConfig consent,
      ConfigNode root) {
    for (int f = 0; f < forms.size(); f++) {
      List<ConfigNode> consentNodes = formNodes.get(f).list("consents");
      List<FormConsentConfig> boxes = forms.get(f).consents();
      for (int c = 0; c < boxes.size(); c++) {
        FormConsentConfig box = boxes.get(c);
        if (consent.purpose(box.purpose()).isEmpty()) {
          throw consentNodes.get(c).error("purpose", "unknown purpose '" + box.purpose() + "'; declare it under"
              + " consent.purposes");
        }
        if (consent.wording(box.wording()).isEmpty()) {
          throw consentNodes.get(c).error("wording", "unknown wording '" + box.wording() + "'; declare it under"
              + " consent.wordings");
        }
      }
    }
    if (consent.baseUrl().isEmpty() && forms.stream().anyMatch(form -> !form.consents().isEmpty())) {
      throw root.section("consent").error("baseUrl",
          "is required when a form asks for consent: the confirmation and withdrawal links point there");
    }
  }
}
