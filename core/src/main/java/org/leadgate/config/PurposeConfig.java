package org.leadgate.config;

import java.util.regex.Pattern;

/**
 * A marketing purpose consent is asked for, such as {@code newsletter}.
 *
 * @param description names the advertiser and the scope, as the person is told (BGH I ZR 7/16)
 * @param presumedB2bPhone whether calls for this purpose may rely on presumed consent of businesses
 *     (UWG §7(2) Nr. 1), for forms whose audience is {@code b2b} and leads without a freemail address
 * @param automatedCalls whether the purpose uses automated calling machines, which always need express consent
 */
public record PurposeConfig(String id, String description, boolean presumedB2bPhone, boolean automatedCalls) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  static PurposeConfig from(ConfigNode node) {
    node.allowOnly("id", "description", "presumedB2bPhone", "automatedCalls");
    String id = node.string("id");
    if (!ID.matcher(id).matches()) {
      throw node.error("id", "must be lowercase letters, digits and '-' (at most 64) but was '" + id + "'");
    }
    boolean presumed = node.bool("presumedB2bPhone", false);
    boolean automated = node.bool("automatedCalls", false);
    if (presumed && automated) {
      throw node.error("presumedB2bPhone", "automated calling machines need express consent in every case"
          + " (UWG §7(2) Nr. 1); presumed consent cannot cover them");
    }
    return new PurposeConfig(id, node.string("description"), presumed, automated);
  }
}
