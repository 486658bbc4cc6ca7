package org.leadgate.consent;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.leadgate.config.FormConfig;

/** A short fingerprint of a form's configuration (fields, consent boxes, wordings), kept with consent evidence. */
final class FormVersion {
  private FormVersion() {}

  static String of(FormConfig form) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(form.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
