package org.leadgate.crm.salesforce.hooks;

import java.util.regex.Pattern;
import org.leadgate.config.ConfigNode;

/**
 * A Salesforce id compared the way Salesforce does: on its first 15 characters, case-sensitively. The 18-character
 * form only appends a checksum of the letter case.
 *
 * @param key the 15-character form
 */
public record SalesforceId(String key) {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");

  public SalesforceId {
    if (!isId(key) || key.length() != 15) {
      throw new IllegalArgumentException("not a 15-character Salesforce id: " + key);
    }
  }

  /** Whether {@code text} has the shape of a 15- or 18-character Salesforce id. */
  public static boolean isId(String text) {
    return SHAPE.matcher(text).matches();
  }

  /**
   * Reads a 15- or 18-character id that starts with {@code prefix} ({@code 00D} for organizations, {@code 005} for
   * users), naming the key if it is missing or malformed.
   */
  public static SalesforceId read(ConfigNode section, String key, String prefix, String kind) {
    String id = section.string(key);
    if (!isId(id) || !id.startsWith(prefix)) {
      throw section.error(key, "must be a 15- or 18-character Salesforce " + kind + " id starting with " + prefix
          + " but was '" + id + "'");
    }
    return new SalesforceId(id.substring(0, 15));
  }

  /** Whether {@code id}, in its 15- or 18-character form, is this id. */
  public boolean matches(String id) {
    return isId(id) && id.startsWith(key);
  }
}
