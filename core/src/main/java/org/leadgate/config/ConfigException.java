package org.leadgate.config;

/** A configuration value is missing or wrong; the message names the key and the problem. */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String problem) {
    super("Invalid LeadGate configuration at '" + key + "': " + problem);
    this.key = key;
  }

  /** The dotted path of the offending key, for example {@code forms[0].fields[1].type}. */
  public String key() {
    return key;
  }
}
