package org.leadgate.enrichment.net;

/** An IPv4 or IPv6 address range such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
final class Cidr {
  private final byte[] network;
  private final int prefixBits;

  private Cidr(byte[] network, int prefixBits) {
    this.network = network;
    this.prefixBits = prefixBits;
  }

  /**
   * Parses {@code address/bits}, or a bare address as a range of one. Host bits after the prefix are ignored
   * ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}).
   *
   * @throws IllegalArgumentException naming the problem
   */
  static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String addressText = (slash < 0 ? text : text.substring(0, slash)).strip();
    byte[] address = IpLiterals.parse(addressText)
        .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range"));
    int maxBits = address.length * 8;
    int bits = slash < 0 ? maxBits : prefixBits(text.substring(slash + 1).strip());
    if (bits < 0 || bits > maxBits) {
      throw new IllegalArgumentException(
          "'" + text + "' needs a prefix length from 0 to " + maxBits + " after the slash");
    }
    return new Cidr(masked(address, bits), bits);
  }

  /** True when the address (4 or 16 bytes) lies in this range; an IPv4 address never lies in an IPv6 range. */
  boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int wholeBytes = prefixBits / 8;
    for (int i = 0; i < wholeBytes; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int restBits = prefixBits % 8;
    int mask = 0xff << (8 - restBits) & 0xff;
    return restBits == 0 || (address[wholeBytes] & mask) == (network[wholeBytes] & 0xff);
  }

  /** A copy of the address with every bit after the first {@code bits} cleared. */
  static byte[] masked(byte[] address, int bits) {
    byte[] network = address.clone();
    for (int i = 0; i < network.length; i++) {
      int keep = Math.min(8, Math.max(0, bits - 8 * i));
      network[i] &= (byte) (0xff << (8 - keep));
    }
    return network;
  }

  private static int prefixBits(String digits) {
    if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    return Integer.parseInt(digits);
  }
}
