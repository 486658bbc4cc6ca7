package org.leadgate.crm.salesforce.webtolead;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;

/**
 * Which {@code retURL}s a visitor may be sent on to: absolute https URLs (http only if allowed) on a listed host,
 * without user info. Anything that browsers might read differently from {@link URI} (backslashes, white space,
 * control characters) is refused, and so are protocol-relative and non-http URLs: no open redirect.
 *
 * @param hosts lower-case host names, matched exactly
 * @param allowHttp whether plain http URLs are permitted too
 */
record ReturnUrls(Set<String> hosts, boolean allowHttp) {
  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
  private static final int MAX_LENGTH = 2048;

  ReturnUrls {
    hosts = Set.copyOf(hosts);
  }

  static ReturnUrls read(ConfigNode section, String hostsKey, String allowHttpKey) {
    List<String> listed = section.stringList(hostsKey);
    Set<String> hosts = new LinkedHashSet<>();
    for (int i = 0; i < listed.size(); i++) {
      String host = listed.get(i).toLowerCase(Locale.ROOT);
      if (!HOST.matcher(host).matches()) {
        throw new ConfigException(section.keyPath(hostsKey) + "[" + i + "]",
            "must be a host name like www.example.de (no scheme, port or path) but was '" + listed.get(i) + "'");
      }
      hosts.add(host);
    }
    return new ReturnUrls(hosts, section.bool(allowHttpKey, false));
  }

  /** The URL as an ASCII {@code Location}, if the visitor may be sent there. */
  Optional<String> permitted(String url) {
    if (url.isEmpty() || url.length() > MAX_LENGTH
        || url.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == '\\' || Character.isWhitespace(c))) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean schemeAllowed = scheme.equals("https") || (allowHttp && scheme.equals("http"));
    String host = uri.getHost();
    if (!schemeAllowed || uri.getRawUserInfo() != null || host == null
        || !hosts.contains(host.toLowerCase(Locale.ROOT))
        || !uri.getRawAuthority().equalsIgnoreCase(uri.getPort() < 0 ? host : host + ":" + uri.getPort())) {
      return Optional.empty();
    }
    return Optional.of(uri.toASCIIString());
  }
}
