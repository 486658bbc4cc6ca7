package org.leadgate.enrichment.net;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns what a person typed as a website or email into the internet domain that may be sent to a third party, or
 * refuses it. This is the guard against making providers (or anything they fetch) reach private, internal or
 * loopback hosts: only names under a public top-level domain pass, never IP literals.
 */
public final class PublicDomains {
  private static final int MAX_INPUT_LENGTH = 2048;
  private static final int MAX_NAME_LENGTH = 253;
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  /** Real top-level domains are letters or IDN A-labels; a numeric or hex one makes the name an IPv4 address. */
  private static final Pattern TOP_LEVEL = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");
  private static final DomainList SPECIAL_USE = DomainList.of(
      // special-use and reserved names (RFC 2606, 6761, 6762, 7686, 8375, 9476) and TLDs used inside networks
      "alt", "arpa", "corp", "example", "home", "internal", "intranet", "invalid", "lan", "local", "localdomain",
      "localhost", "onion", "private", "test", "example.com", "example.net", "example.org",
      // wildcard DNS services that answer a name with the address written in it (127.0.0.1.nip.io, lvh.me)
      "nip.io", "sslip.io", "xip.io", "localtest.me", "lvh.me");

  private PublicDomains() {}

  /**
   * The lowercase ASCII domain (IDN as punycode, without a trailing dot and without a leading {@code www.}) of a
   * bare host name, a URL (its host, without user info and port) or an email address (the part after the last
   * {@code @}); empty for IP literals, single-label names, special-use and internal names, and anything that is
   * not a valid host name of at most 253 characters.
   */
  public static Optional<String> normalise(String hostOrUrlOrEmail) {
    if (hostOrUrlOrEmail == null) {
      return Optional.empty();
    }
    String text = hostOrUrlOrEmail.strip();
    if (text.isEmpty() || text.length() > MAX_INPUT_LENGTH) {
      return Optional.empty();
    }
    return host(text).flatMap(PublicDomains::ascii).map(PublicDomains::withoutWww)
        .filter(PublicDomains::isPublicName);
  }

  private static Optional<String> host(String text) {
    int schemeEnd = text.indexOf("://");
    boolean url = schemeEnd > 0 && SCHEME.matcher(text.substring(0, schemeEnd)).matches();
    String rest = url ? text.substring(schemeEnd + 3) : text;
    if (!url && rest.indexOf('@') >= 0) {
      return Optional.of(rest.substring(rest.lastIndexOf('@') + 1));
    }
    String authority = rest.substring(0, endOfAuthority(rest));
    String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = hostAndPort.indexOf(':');
    if (colon < 0) {
      return Optional.of(hostAndPort);
    }
    return PORT.matcher(hostAndPort.substring(colon + 1)).matches()
        ? Optional.of(hostAndPort.substring(0, colon)) : Optional.empty();
  }

  /** Where the host ends: at the path, query or fragment ({@code \} too, as browsers read it as {@code /}). */
  private static int endOfAuthority(String rest) {
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '/' || c == '?' || c == '#' || c == '\\') {
        return i;
      }
    }
    return rest.length();
  }

  private static Optional<String> ascii(String host) {
    String ascii;
    try {
      ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.of(ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii);
  }

  private static String withoutWww(String name) {
    return name.startsWith("www.") && name.indexOf('.', 4) > 0 ? name.substring(4) : name;
  }

  private static boolean isPublicName(String name) {
    if (name.length() > MAX_NAME_LENGTH) {
      return false;
    }
    String[] labels = name.split("\\.", -1);
    if (labels.length < 2 || !TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
      return false;
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return !SPECIAL_USE.covers(name);
  }
}
