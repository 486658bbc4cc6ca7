package org.leadgate.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.leadgate.config.ConfigNode;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;

/** Scoring configurations written in YAML, and leads with plain typed fields. */
final class ScoringFixtures {
  static final Instant RECEIVED = Instant.parse("2026-01-05T09:00:00Z");

  private ScoringFixtures() {}

  /** The {@code scoring} section written in YAML (without the {@code scoring:} line). */
  static ScoringConfig config(String yaml) {
    return ScoringConfig.from(section(yaml));
  }

  static ConfigNode section(String yaml) {
    try {
      return ConfigNode.of(new ObjectMapper(new YAMLFactory()).readTree(yaml), "scoring");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Lead lead(Map<String, String> values) {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    values.forEach((name, value) -> fields.put(name, new FieldValue(value, Provenance.typed("contact", RECEIVED))));
    return new Lead("lead-1", "contact", RECEIVED, fields);
  }
}
