package org.leadgate.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.leadgate.config.ConfigNode;

/**
 * What a plugin factory is given to build its instance.
 *
 * @param settings the plugin's own configuration section (for a CRM adapter: {@code crm.settings})
 * @param dataDirectory the gateway's directory for local files
 * @param clock the gateway's clock
 */
public record PluginContext(ConfigNode settings, Path dataDirectory, Clock clock) {
  public PluginContext {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(clock, "clock");
  }
}
