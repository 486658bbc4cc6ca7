package org.leadgate.crm.salesforce.hooks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.leadgate.config.ConfigNode;
import org.leadgate.config.FieldConfig;
import org.leadgate.config.FormConfig;
import org.leadgate.config.FormConsentConfig;

/** The configured form a hook submits to: its field names and consent boxes, which mappings must name. */
public record TargetForm(FormConfig config) {
  public TargetForm {
    Objects.requireNonNull(config, "config");
  }

  /** The form whose id {@code section.key} names; unknown ids fail, listing the known ones. */
  public static TargetForm read(ConfigNode section, String key, List<FormConfig> forms) {
    String id = section.string(key);
    return forms.stream().filter(form -> form.id().equals(id)).findFirst().map(TargetForm::new)
        .orElseThrow(() -> section.error(key, "names no configured form: '" + id + "'; known forms: "
            + forms.stream().map(FormConfig::id).collect(Collectors.joining(", "))));
  }

  public String id() {
    return config.id();
  }

  public Set<String> fields() {
    return names(config.fields().stream().map(FieldConfig::name).toList());
  }

  public Set<String> consentBoxes() {
    return names(config.consents().stream().map(FormConsentConfig::field).toList());
  }

  /** The label a person saw for a field, or the name itself for anything else. */
  public String label(String name) {
    return config.field(name).map(FieldConfig::label).orElse(name);
  }

  private static Set<String> names(List<String> names) {
    return new LinkedHashSet<>(names);
  }
}
