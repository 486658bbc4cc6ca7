package org.leadgate.crm.generic;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.leadgate.config.ConfigNode;
import org.leadgate.spi.PluginContext;

/** Builds {@code crm.settings} sections and plugin contexts for tests. */
final class TestSettings {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestSettings() {}

  static ConfigNode settings(Map<String, ?> values) {
    return ConfigNode.of(MAPPER.valueToTree(values), "crm.settings");
  }

  static PluginContext context(Map<String, ?> values, Clock clock) {
    return new PluginContext(settings(values), Path.of("target", "test-data"), clock);
  }
}
