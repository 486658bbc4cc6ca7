package org.leadgate.crm.generic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.leadgate.config.ConfigNode;

/**
 * The presets shipped in {@code presets/<name>.yaml}: settings for a known CRM API, written from its public docs,
 * that {@code preset: <name>} puts under the configured settings.
 */
final class Presets {
  private static final List<String> NAMES = List.of("hubspot-contacts", "pipedrive-persons");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Presets() {}

  /** The configured settings, over the preset they name if they name one. */
  static Layers layers(ConfigNode settings) {
    Optional<String> name = settings.optionalString("preset");
    if (name.isEmpty()) {
      return Layers.of(settings);
    }
    if (!NAMES.contains(name.get())) {
      throw settings.error("preset",
          "unknown preset '" + name.get() + "'; shipped presets: " + String.join(", ", NAMES));
    }
    return new Layers(List.of(settings, load(name.get())));
  }

  /** The preset's settings; their errors name {@code preset <name>} and the key. */
  private static ConfigNode load(String name) {
    try (InputStream in = Presets.class.getResourceAsStream("/presets/" + name + ".yaml")) {
      if (in == null) {
        throw new IllegalStateException("preset " + name + " is not on the class path");
      }
      return ConfigNode.of(YAML.readTree(in), "preset " + name);
    } catch (IOException e) {
      throw new UncheckedIOException("preset " + name + " cannot be read", e);
    }
  }
}
