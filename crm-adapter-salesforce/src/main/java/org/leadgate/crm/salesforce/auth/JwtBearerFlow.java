package org.leadgate.crm.salesforce.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import okhttp3.FormBody;

/**
 * The JWT bearer grant: an assertion {@code {"alg":"RS256"}.{iss, sub, aud, exp}} signed with SHA256withRSA by the
 * key whose certificate is uploaded to the connected app. Salesforce accepts an {@code exp} at most about three
 * minutes ahead.
 */
final class JwtBearerFlow implements TokenFlow {
  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  static final Duration LIFETIME = Duration.ofMinutes(3);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final String clientId;
  private final String username;
  private final String audience;
  private final PrivateKey key;

  JwtBearerFlow(String clientId, String username, String audience, PrivateKey key) {
    this.clientId = clientId;
    this.username = username;
    this.audience = audience;
    this.key = key;
  }

  @Override
  public String name() {
    return AuthSettings.Flow.JWT_BEARER.id();
  }

  @Override
  public FormBody form(Instant now) {
    return new FormBody.Builder().add("grant_type", GRANT_TYPE).add("assertion", assertion(now)).build();
  }

  String assertion(Instant now) {
    String header = encode(MAPPER.createObjectNode().put("alg", "RS256").toString());
    String claims = encode(MAPPER.createObjectNode()
        .put("iss", clientId)
        .put("sub", username)
        .put("aud", audience)
        .put("exp", now.plus(LIFETIME).getEpochSecond())
        .toString());
    String signingInput = header + "." + claims;
    return signingInput + "." + BASE64URL.encodeToString(sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
  }

  private byte[] sign(byte[] input) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(input);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("an RSA key read at startup signs with SHA256withRSA", e);
    }
  }

  private static String encode(String json) {
    return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
