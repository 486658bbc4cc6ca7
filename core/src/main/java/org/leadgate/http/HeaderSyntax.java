package org.leadgate.http;

import java.util.regex.Pattern;

/** What configured HTTP header names and values may hold (RFC 9110), for providers and adapters alike. */
public final class HeaderSyntax {
  /** The characters of a token, which a header name is. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

  /** How a refused name is described to the person configuring it. */
  public static final String NAME_RULE = "letters, digits and !#$%&'*+-.^_`|~";

  private HeaderSyntax() {}

  public static boolean isName(String name) {
    return TOKEN.matcher(name).matches();
  }

  /** Printable ASCII and tabs only: no line breaks that could start another header. */
  public static boolean isValue(String value) {
    return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
  }
}
