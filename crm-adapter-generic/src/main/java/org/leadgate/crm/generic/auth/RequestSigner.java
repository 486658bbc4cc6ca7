package org.leadgate.crm.generic.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Signs each request with HMAC-SHA256 for CRMs that verify the sender: the signature of a canonical string (by
 * default {@code {timestamp}.{body}}) goes into one header, the Unix time in seconds into another. The canonical
 * string may use {@code {timestamp}}, {@code {body}} (the exact bytes sent), {@code {method}} and {@code {path}} (the
 * encoded path and query). {@link #toString()} hides the secret.
 *
 * @param prefix text before the signature in its header, such as {@code sha256=}
 */
public record RequestSigner(String secret, String signatureHeader, String timestampHeader, Encoding encoding,
    String prefix, String canonical) {
  public static final String DEFAULT_CANONICAL = "{timestamp}.{body}";
  private static final Pattern TOKEN = Pattern.compile("\\{([a-z]*)}");
  private static final Set<String> TOKENS = Set.of("timestamp", "body", "method", "path");

  /** How the signature bytes are written. */
  public enum Encoding {
    HEX,
    BASE64
  }

  public RequestSigner {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(signatureHeader, "signatureHeader");
    Objects.requireNonNull(timestampHeader, "timestampHeader");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(prefix, "prefix");
    checkCanonical(canonical);
  }

  /** Refuses a canonical string with a {@code {name}} that is not one of the known parts. */
  public static void checkCanonical(String canonical) {
    Matcher token = TOKEN.matcher(canonical);
    while (token.find()) {
      if (!TOKENS.contains(token.group(1))) {
        throw new IllegalArgumentException("has {" + token.group(1) + "}; known: {timestamp}, {body}, {method}, {path}");
      }
    }
  }

  /** Header names (lower case) the signer sets. */
  public Set<String> headerNames() {
    return Set.of(signatureHeader.toLowerCase(Locale.ROOT), timestampHeader.toLowerCase(Locale.ROOT));
  }

  /** The request with timestamp and signature headers for {@code body}, which is what the request sends. */
  public Request sign(Request request, byte[] body, Clock clock) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    byte[] signature = hmac(canonicalBytes(request.method(), request.url(), timestamp, body));
    String encoded = encoding == Encoding.HEX ? HexFormat.of().formatHex(signature)
        : Base64.getEncoder().encodeToString(signature);
    return request.newBuilder()
        .header(timestampHeader, timestamp)
        .header(signatureHeader, prefix + encoded)
        .build();
  }

  private byte[] canonicalBytes(String method, HttpUrl url, String timestamp, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Matcher token = TOKEN.matcher(canonical);
    int end = 0;
    while (token.find()) {
      out.writeBytes(utf8(canonical.substring(end, token.start())));
      out.writeBytes(switch (token.group(1)) {
        case "timestamp" -> utf8(timestamp);
        case "body" -> body;
        case "method" -> utf8(method);
        default -> utf8(url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery()));
      });
      end = token.end();
    }
    out.writeBytes(utf8(canonical.substring(end)));
    return out.toByteArray();
  }

  private byte[] hmac(byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(utf8(secret), "HmacSHA256"));
      return mac.doFinal(message);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "RequestSigner[secret=(hidden), signatureHeader=" + signatureHeader + ", timestampHeader=" + timestampHeader
        + ", encoding=" + encoding + ", prefix=" + prefix + ", canonical=" + canonical + "]";
  }
}
