package org.leadgate.crm.generic;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.leadgate.config.ConfigNode;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.PluginContext;

/** Builds {@code crm.settings} sections, plugin contexts and adapters for tests. */
final class TestSettings {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private TestSettings() {}

  static ConfigNode settings(Map<String, ?> values) {
    return ConfigNode.of(MAPPER.valueToTree(values), "crm.settings");
  }

  /** {@code crm.settings} written as YAML, as in a configuration file. */
  static ConfigNode yaml(String yaml) {
    try {
      return ConfigNode.of(YAML.readTree(yaml), "crm.settings");
    } catch (JacksonException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static PluginContext context(Map<String, ?> values, Clock clock) {
    return context(settings(values), clock);
  }

  static PluginContext context(ConfigNode settings, Clock clock) {
    return new PluginContext(settings, Path.of("target", "test-data"), clock);
  }

  /** The adapter the factory builds from YAML settings. */
  static CrmAdapter adapter(String yaml, Clock clock) {
    return new GenericHttpAdapterFactory().create(context(yaml(yaml), clock));
  }
}
