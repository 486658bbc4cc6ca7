package org.leadgate.enrichment.net;

import java.net.InetAddress;

/**
 * Shortens an IP address to its network so that it no longer identifies one connection, for example
 * {@code 81.2.69.160} to {@code 81.2.69.0} at /24 or {@code 2a02:8108:1234:5678::1} to {@code 2a02:8108:1234::} at
 * /48.
 */
public final class IpTruncation {
  private IpTruncation() {}

  /**
   * The network address of {@code address} as text (IPv6 in RFC 5952 form), keeping the first
   * {@code ipv4PrefixBits} (0..32) of an IPv4 or {@code ipv6PrefixBits} (0..128) of an IPv6 address.
   *
   * @throws IllegalArgumentException when a prefix length is out of range
   */
  public static String truncate(InetAddress address, int ipv4PrefixBits, int ipv6PrefixBits) {
    requireWithin("ipv4PrefixBits", ipv4PrefixBits, 32);
    requireWithin("ipv6PrefixBits", ipv6PrefixBits, 128);
    byte[] bytes = address.getAddress();
    return IpLiterals.format(Cidr.masked(bytes, bytes.length == 4 ? ipv4PrefixBits : ipv6PrefixBits));
  }

  private static void requireWithin(String name, int bits, int max) {
    if (bits < 0 || bits > max) {
      throw new IllegalArgumentException(name + " must be within 0.." + max + ", was " + bits);
    }
  }
}
