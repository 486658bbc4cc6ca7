package org.leadgate.crm.generic;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.leadgate.config.ConfigNode;

/**
 * The settings of the {@code generic-http} adapter, read from {@code crm.settings}.
 *
 * @param url where each lead is POSTed
 * @param header one extra request header, such as a bearer token
 * @param timeout connect, read and whole-call timeout
 */
record GenericHttpSettings(URI url, Optional<Header> header, Duration timeout) {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  /** RFC 9110 token: the characters a header name may have. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

  /** Headers the adapter sets itself, which configuration must not override. */
  private static final Set<String> RESERVED = Set.of("content-type", "content-length", "idempotency-key");

  GenericHttpSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** One configured request header; {@link #toString()} leaves out the value, which is usually a secret. */
  record Header(String name, String value) {
    Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return "Header[name=" + name + ", value=(hidden)]";
    }
  }

  static GenericHttpSettings from(ConfigNode settings) {
    settings.allowOnly("url", "header", "timeout");
    URI url = settings.httpUrl("url");
    if (HttpUrl.parse(url.toString()) == null) {
      throw settings.error("url", "is not a URL the HTTP client can call");
    }
    Optional<Header> header = settings.has("header") ? Optional.of(header(settings.section("header"))) : Optional.empty();
    Duration timeout = settings.duration("timeout", DEFAULT_TIMEOUT);
    if (timeout.isZero()) {
      throw settings.error("timeout", "must be more than 0");
    }
    if (timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw settings.error("timeout", "must be at most 10m");
    }
    return new GenericHttpSettings(url, header, timeout);
  }

  private static Header header(ConfigNode section) {
    section.allowOnly("name", "value");
    String name = section.string("name");
    if (!TOKEN.matcher(name).matches()) {
      throw section.error("name", "must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~) but was '" + name + "'");
    }
    if (RESERVED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
      throw section.error("name", "'" + name + "' is set by the adapter itself");
    }
    String value = section.string("value");
    // The value is not echoed: it is usually a secret.
    if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
      throw section.error("value", "must contain only printable ASCII characters");
    }
    return new Header(name, value);
  }
}
