package org.leadgate.crm.salesforce.hooks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.leadgate.config.ConfigNode;

/**
 * Which incoming name (a Web-to-Lead parameter, an sObject field) fills which field of the target form.
 *
 * @param leadFields incoming name to form field name; when several names fill one field, the first one with a value
 *     wins
 */
public record FieldMapping(Map<String, String> leadFields) {
  public FieldMapping {
    leadFields = Collections.unmodifiableMap(new LinkedHashMap<>(leadFields));
  }

  /**
   * The mapping in {@code section.key} (incoming name to form field), followed by those {@code defaults} whose form
   * field exists and whose name the section does not map. Each configured name must pass {@code nameRule} (else the
   * error says {@code nameRuleText}) and map to one of {@code targets}.
   */
  public static FieldMapping read(ConfigNode section, String key, Map<String, String> defaults, Set<String> targets,
      Predicate<String> nameRule, String nameRuleText) {
    ConfigNode mapping = section.section(key);
    Map<String, String> leadFields = new LinkedHashMap<>();
    section.stringMap(key).forEach((name, leadField) -> {
      if (!nameRule.test(name)) {
        throw mapping.error(name, nameRuleText);
      }
      if (!targets.contains(leadField)) {
        throw mapping.error(name, "must name a field of the target form (" + String.join(", ", targets)
            + ") but was '" + leadField + "'");
      }
      leadFields.put(name, leadField);
    });
    defaults.forEach((name, leadField) -> {
      if (targets.contains(leadField)) {
        leadFields.putIfAbsent(name, leadField);
      }
    });
    return new FieldMapping(leadFields);
  }

  /** This mapping, then the names of {@code more} that this one does not map. */
  public FieldMapping and(FieldMapping more) {
    Map<String, String> both = new LinkedHashMap<>(leadFields);
    more.leadFields.forEach(both::putIfAbsent);
    return new FieldMapping(both);
  }

  /** The form values from what came under each incoming name; blank values are left out. */
  public Map<String, List<String>> values(Function<String, Optional<String>> incoming) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    leadFields.forEach((name, leadField) -> incoming.apply(name).filter(value -> !value.isBlank())
        .ifPresent(value -> values.putIfAbsent(leadField, List.of(value))));
    return values;
  }
}
