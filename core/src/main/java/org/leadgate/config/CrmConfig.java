package org.leadgate.config;

/**
 * The CRM that receives leads: the id of a {@link org.leadgate.spi.CrmAdapterFactory} and its settings section.
 */
public record CrmConfig(String adapter, ConfigNode settings) {
  static CrmConfig from(ConfigNode node) {
    node.allowOnly("adapter", "settings");
    return new CrmConfig(node.string("adapter", "log"), node.section("settings"));
  }
}
