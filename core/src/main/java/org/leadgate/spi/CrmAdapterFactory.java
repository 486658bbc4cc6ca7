package org.leadgate.spi;

/**
 * Builds a {@link CrmAdapter} from its configuration section. Implementations register in
 * {@code META-INF/services/org.leadgate.spi.CrmAdapterFactory} and are found by {@link #id()}.
 */
public interface CrmAdapterFactory {
  /** The id a configuration names in {@code crm.adapter}, for example {@code generic-http}. */
  String id();

  /**
   * Validates the settings and builds the adapter. A bad setting throws {@link org.leadgate.config.ConfigException}
   * naming the key (use {@link org.leadgate.config.ConfigNode#error}).
   */
  CrmAdapter create(PluginContext context);
}
