package org.leadgate.crm.generic.inbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.leadgate.config.ConfigNode;
import org.leadgate.http.HeaderSyntax;
import org.leadgate.spi.HookRequest;

/**
 * An HMAC-SHA256 signature, in hex (a {@code sha256=} prefix is tolerated), over the timestamp header's value, a dot
 * and the raw body; the timestamp is Unix seconds and must lie within the tolerance of when the request was received.
 * A signature is accepted once: it is remembered, in this gateway instance's memory, for twice the tolerance (a
 * timestamp is acceptable that long); requests that were not accepted are forgotten again, so that a retry works.
 * Signatures are compared in constant time.
 */
final class HmacSignature implements Authentication {
  static final String DEFAULT_SIGNATURE_HEADER = "X-LeadGate-Signature";
  static final String DEFAULT_TIMESTAMP_HEADER = "X-LeadGate-Timestamp";
  static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
  private static final Duration MAX_TOLERANCE = Duration.ofHours(1);
  /** More signatures than this within twice the tolerance evict the oldest, which could then be replayed. */
  private static final long MAX_REMEMBERED = 100_000;
  private static final String ALGORITHM = "HmacSHA256";
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private final SecretKeySpec key;
  private final String signatureHeader;
  private final String timestampHeader;
  private final Duration tolerance;
  private final Cache<String, Boolean> used;

  private HmacSignature(String secret, String signatureHeader, String timestampHeader, Duration tolerance,
      Clock clock) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.signatureHeader = signatureHeader;
    this.timestampHeader = timestampHeader;
    this.tolerance = tolerance;
    this.used = Caffeine.newBuilder()
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .expireAfterWrite(tolerance.multipliedBy(2))
        .maximumSize(MAX_REMEMBERED)
        .build();
  }

  static HmacSignature from(ConfigNode hmac, Clock clock) {
    hmac.allowOnly("secret", "signatureHeader", "timestampHeader", "tolerance");
    String secret = Authentication.secret(hmac, "secret");
    Duration tolerance = hmac.duration("tolerance", DEFAULT_TOLERANCE);
    if (tolerance.compareTo(Duration.ofSeconds(1)) < 0 || tolerance.compareTo(MAX_TOLERANCE) > 0) {
      throw hmac.error("tolerance", "must be between 1s and 1h but was " + tolerance);
    }
    return new HmacSignature(secret, headerName(hmac, "signatureHeader", DEFAULT_SIGNATURE_HEADER),
        headerName(hmac, "timestampHeader", DEFAULT_TIMESTAMP_HEADER), tolerance, clock);
  }

  private static String headerName(ConfigNode hmac, String key, String defaultName) {
    String name = hmac.string(key, defaultName);
    if (!HeaderSyntax.isName(name)) {
      throw hmac.error(key, "must be an HTTP header name but was '" + name + "'");
    }
    return name;
  }

  @Override
  public Optional<String> refusal(HookRequest request) {
    Optional<String> timestamp = request.header(timestampHeader).map(String::strip)
        .filter(t -> TIMESTAMP.matcher(t).matches());
    if (timestamp.isEmpty()) {
      return Optional.of("missing or malformed " + timestampHeader + " (Unix seconds)");
    }
    Optional<String> signature = request.header(signatureHeader).flatMap(HmacSignature::hex);
    if (signature.isEmpty()) {
      return Optional.of("missing or malformed " + signatureHeader + " (hex HMAC-SHA256)");
    }
    if (!MessageDigest.isEqual(sign(timestamp.get(), request.body()), HexFormat.of().parseHex(signature.get()))) {
      return Optional.of("invalid signature");
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.get()));
    if (Duration.between(signedAt, request.receivedAt()).abs().compareTo(tolerance) > 0) {
      return Optional.of("timestamp outside the tolerance of " + tolerance.toSeconds() + "s");
    }
    if (used.asMap().putIfAbsent(signature.get(), Boolean.TRUE) != null) {
      return Optional.of("signature already used (replay)");
    }
    return Optional.empty();
  }

  @Override
  public void release(HookRequest request) {
    request.header(signatureHeader).flatMap(HmacSignature::hex).ifPresent(used::invalidate);
  }

  /** The signature's hex digits in lower case, without a {@code sha256=} prefix; empty if it is no SHA-256 hex. */
  private static Optional<String> hex(String header) {
    String value = header.strip();
    if (value.regionMatches(true, 0, "sha256=", 0, "sha256=".length())) {
      value = value.substring("sha256=".length());
    }
    return HEX_SHA256.matcher(value).matches() ? Optional.of(value.toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  private byte[] sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
    }
  }

  @Override
  public String toString() {
    return "HmacSignature[signatureHeader=" + signatureHeader + ", timestampHeader=" + timestampHeader
        + ", tolerance=" + tolerance + ", secret=(hidden)]";
  }
}
