package org.leadgate.enrichment.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * IP address literals as text and bytes, without ever resolving a name: a text is parsed only when it is strictly a
 * dotted-quad IPv4 address (no octal, hex or shortened forms) or an RFC 4291 IPv6 address, optionally in brackets.
 * Like {@link java.net.InetAddress}, an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is the IPv4 address.
 */
public final class IpLiterals {
  private static final int MAX_LENGTH = 47;

  private IpLiterals() {}

  /** The address's bytes (4 for IPv4, 16 for IPv6), or empty when the text is not an address literal. */
  /** The address a literal names, any range (for one known to be public, see {@link PublicAddresses#parse}). */
  public static Optional<InetAddress> address(String text) {
    return parse(text).map(IpLiterals::inetAddress);
  }

  static InetAddress inetAddress(byte[] address) {
    try {
      return InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address has 4 or 16 bytes", e);
    }
  }

  static Optional<byte[]> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    boolean bracketed = text.startsWith("[") && text.endsWith("]");
    String literal = bracketed ? text.substring(1, text.length() - 1) : text;
    byte[] address = literal.indexOf(':') >= 0 ? ipv6(literal) : bracketed ? null : ipv4(literal);
    if (address != null && isIpv4Mapped(address)) {
      return Optional.of(Arrays.copyOfRange(address, 12, 16));
    }
    return Optional.ofNullable(address);
  }

  /** The canonical text: dotted quad for IPv4, RFC 5952 (lowercase, longest zero run as {@code ::}) for IPv6. */
  static String format(byte[] address) {
    if (address.length == 4) {
      return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = (address[2 * i] & 0xff) << 8 | address[2 * i + 1] & 0xff;
    }
    int runStart = -1;
    int runLength = 1;
    for (int i = 0; i < 8; i++) {
      int length = 0;
      while (i + length < 8 && groups[i + length] == 0) {
        length++;
      }
      if (length > runLength) {
        runStart = i;
        runLength = length;
      }
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == runStart) {
        text.append("::");
        i += runLength - 1;
      } else {
        if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
          text.append(':');
        }
        text.append(Integer.toHexString(groups[i]));
      }
    }
    return text.toString();
  }

  private static boolean isIpv4Mapped(byte[] address) {
    if (address.length != 16 || address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] address = new byte[4];
    for (int i = 0; i < 4; i++) {
      int octet = decimalOctet(parts[i]);
      if (octet < 0) {
        return null;
      }
      address[i] = (byte) octet;
    }
    return address;
  }

  /** 0..255 without leading zeros (which some parsers read as octal), or -1. */
  private static int decimalOctet(String part) {
    if (part.isEmpty() || part.length() > 3 || part.length() > 1 && part.charAt(0) == '0') {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 255 ? value : -1;
  }

  private static byte[] ipv6(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] head = groups(gap >= 0 ? text.substring(0, gap) : text, gap < 0);
    int[] tail = gap >= 0 ? groups(text.substring(gap + 2), true) : new int[0];
    if (head == null || tail == null || (gap < 0 ? head.length != 8 : head.length + tail.length > 7)) {
      return null;
    }
    int[] all = new int[8];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
    byte[] address = new byte[16];
    for (int i = 0; i < 8; i++) {
      address[2 * i] = (byte) (all[i] >> 8);
      address[2 * i + 1] = (byte) all[i];
    }
    return address;
  }

  /** The 16-bit groups of a colon-separated part; the last part may end in a dotted quad (two groups). */
  private static int[] groups(String part, boolean last) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] pieces = part.split(":", -1);
    int[] groups = new int[pieces.length + 1];
    int count = 0;
    for (int i = 0; i < pieces.length; i++) {
      if (last && i == pieces.length - 1 && pieces[i].indexOf('.') >= 0) {
        byte[] ipv4 = ipv4(pieces[i]);
        if (ipv4 == null) {
          return null;
        }
        groups[count++] = (ipv4[0] & 0xff) << 8 | ipv4[1] & 0xff;
        groups[count++] = (ipv4[2] & 0xff) << 8 | ipv4[3] & 0xff;
      } else {
        int group = hexGroup(pieces[i]);
        if (group < 0) {
          return null;
        }
        groups[count++] = group;
      }
    }
    return Arrays.copyOf(groups, count);
  }

  /** One to four ASCII hex digits, or -1. */
  private static int hexGroup(String piece) {
    if (piece.isEmpty() || piece.length() > 4) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < piece.length(); i++) {
      char c = piece.charAt(i);
      int digit = c >= '0' && c <= '9' ? c - '0'
          : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10
          : -1;
      if (digit < 0) {
        return -1;
      }
      value = value << 4 | digit;
    }
    return value;
  }
}
