package org.leadgate.crm.salesforce.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.leadgate.lead.Lead;
import org.leadgate.lead.LeadJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a lead to Salesforce Lead field values as {@link MappingSettings} say. Text longer than its field is cut and
 * reported (a log event and, when configured, in the provenance field); the lead is still written.
 */
public final class LeadMapper {
  private static final Logger LOG = LoggerFactory.getLogger(LeadMapper.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final MappingSettings settings;

  public LeadMapper(MappingSettings settings) {
    this.settings = settings;
  }

  /**
   * The lead's Salesforce values.
   *
   * @param consentFields consent flags to write with the lead's own values (they are always written)
   */
  public MappedLead map(Lead lead, Map<String, Object> consentFields) {
    Map<String, Object> fields = new LinkedHashMap<>();
    settings.fields().forEach((leadField, api) -> lead.value(leadField)
        .map(String::strip)
        .filter(value -> !value.isEmpty())
        .ifPresent(value -> fields.put(api, picklistValue(api, value))));
    lead.score().ifPresent(scored -> {
      settings.scoring().forEach((part, api) -> fields.put(api, part.valueOf(scored)));
      String status = settings.stageStatus().get(scored.stage().stage().id());
      if (status != null) {
        fields.put("Status", status);
      }
    });
    fields.putAll(consentFields);

    List<Truncation> truncations = new ArrayList<>();
    fields.replaceAll((api, value) -> truncate(api, value, truncations));
    Map<String, Object> defaults = new LinkedHashMap<>();
    settings.defaults().forEach((api, value) -> {
      if (!fields.containsKey(api)) {
        defaults.put(api, truncate(api, value, truncations));
      }
    });
    settings.provenanceField().ifPresent(api ->
        fields.put(api, truncate(api, provenance(lead, truncations), new ArrayList<>())));
    truncations.forEach(cut -> LOG.info("event=salesforce.truncated lead={} field={} from={} to={}", lead.id(),
        cut.field(), cut.from(), cut.to()));
    return new MappedLead(fields, defaults, truncations);
  }

  private String picklistValue(String api, String value) {
    Map<String, String> values = settings.picklists().get(api);
    return values == null ? value : values.getOrDefault(value.toLowerCase(Locale.ROOT), value);
  }

  private Object truncate(String api, Object value, List<Truncation> truncations) {
    Integer length = settings.lengths().get(api);
    if (!(value instanceof String text) || length == null || text.length() <= length) {
      return value;
    }
    int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
    truncations.add(new Truncation(api, text.length(), end));
    return text.substring(0, end);
  }

  /** {@code {"leadId", "formId", "receivedAt", "provenance": {...}, "truncated": [{"field", "from", "to"}]}}. */
  private static String provenance(Lead lead, List<Truncation> truncations) {
    ObjectNode tree = LeadJson.toTree(lead);
    ObjectNode json = MAPPER.createObjectNode()
        .put("leadId", lead.id())
        .put("formId", lead.formId())
        .put("receivedAt", lead.receivedAt().toString());
    json.set("provenance", tree.get("provenance"));
    if (!truncations.isEmpty()) {
      ArrayNode cuts = json.putArray("truncated");
      truncations.forEach(cut -> cuts.addObject().put("field", cut.field()).put("from", cut.from()).put("to", cut.to()));
    }
    return json.toString();
  }
}
