package org.leadgate.config;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** One version of a consent text, exactly as shown next to its checkbox; a changed text needs a new id. */
public record WordingConfig(String id, String text) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** SHA-256 of the text, which proofs carry. */
  public String sha256() {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static WordingConfig from(ConfigNode node) {
    node.allowOnly("id", "text");
    String id = node.string("id");
    if (!ID.matcher(id).matches()) {
      throw node.error("id", "must be letters, digits, '.', '_' and '-' (at most 64) but was '" + id + "'");
    }
    return new WordingConfig(id, node.string("text"));
  }
}
