package org.leadgate.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.leadgate.config.ConfigNode;
import org.leadgate.config.FormConfig;

/**
 * What a plugin factory is given to build its instance.
 *
 * @param settings the plugin's own configuration section (for a CRM adapter: {@code crm.settings})
 * @param dataDirectory the gateway's directory for local files
 * @param clock the gateway's clock
 * @param forms the configured forms, which inbound hooks submit to
 */
public record PluginContext(ConfigNode settings, Path dataDirectory, Clock clock, List<FormConfig> forms) {
  public PluginContext {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(clock, "clock");
    forms = List.copyOf(forms);
  }

  /** A context without forms (adapters that add no inbound hooks, tests). */
  public PluginContext(ConfigNode settings, Path dataDirectory, Clock clock) {
    this(settings, dataDirectory, clock, List.of());
  }
}
