package org.leadgate.crm.salesforce.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an unencrypted PKCS#8 RSA key in PEM ({@code -----BEGIN PRIVATE KEY-----}) with the JDK's
 * {@link KeyFactory}. Other PEM kinds are refused with how to convert them; the key text is never echoed.
 */
final class PemPrivateKey {
  static final String CONVERT_PKCS1 = "openssl pkcs8 -topk8 -nocrypt -in server.key -out server-pkcs8.key";
  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----(.*?)-----END PRIVATE KEY-----", Pattern.DOTALL);

  private PemPrivateKey() {}

  /**
   * The key, or {@link IllegalArgumentException} saying what is wrong with it.
   *
   * @param pem the PEM text; literal {@code \n} sequences (a key squeezed into one environment variable line) count
   *     as line breaks
   */
  static PrivateKey parse(String pem) {
    String text = pem.replace("\\n", "\n");
    if (text.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalArgumentException("is a PKCS#1 key (BEGIN RSA PRIVATE KEY); convert it to PKCS#8 with: "
          + CONVERT_PKCS1);
    }
    if (text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
      throw new IllegalArgumentException("is an encrypted PKCS#8 key; export it without a passphrase: "
          + CONVERT_PKCS1);
    }
    Matcher matcher = PKCS8.matcher(text);
    if (!matcher.find()) {
      throw new IllegalArgumentException("must be a PEM private key starting with -----BEGIN PRIVATE KEY-----");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(matcher.group(1).trim());
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException("is not a readable PKCS#8 RSA private key");
    }
  }
}
