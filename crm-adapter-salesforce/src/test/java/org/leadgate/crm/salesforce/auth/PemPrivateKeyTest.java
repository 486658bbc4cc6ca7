package org.leadgate.crm.salesforce.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PemPrivateKeyTest {
  @Test
  void reads_an_unencrypted_pkcs8_rsa_key_also_with_escaped_line_breaks() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    PrivateKey key = generator.generateKeyPair().getPrivate();
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
    String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";

    assertEquals(key, PemPrivateKey.parse(pem));
    assertEquals(key, PemPrivateKey.parse(pem.replace("\n", "\\n")), "a key squeezed into one env line");
  }

  @Test
  void a_pkcs1_key_is_refused_with_the_openssl_command_that_converts_it() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PemPrivateKey.parse("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"));

    assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt -in server.key -out server-pkcs8.key"),
        e.getMessage());
  }

  @Test
  void an_encrypted_key_is_refused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PemPrivateKey.parse(
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ENCRYPTED PRIVATE KEY-----"));

    assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
  }

  @Test
  void garbage_between_the_markers_is_refused_without_echoing_it() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PemPrivateKey.parse("-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXRleHQ=\n-----END PRIVATE KEY-----"));

    assertEquals("is not a readable PKCS#8 RSA private key", e.getMessage());
  }
}
