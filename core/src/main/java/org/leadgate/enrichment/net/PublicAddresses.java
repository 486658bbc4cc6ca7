package org.leadgate.enrichment.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides whether a client address may be looked up: only public unicast addresses are. The text must be an IP
 * literal; names are never resolved.
 *
 * <p>IPv4 is public unless it lies in a special-purpose range (this network, private, shared CGNAT, loopback,
 * link-local, IETF protocol assignments, documentation, benchmarking, 6to4 relay anycast, multicast, reserved and
 * broadcast). IPv6 is public only inside global unicast {@code 2000::/3} and outside the IETF protocol assignments
 * {@code 2001::/23} (Teredo, benchmarking, ORCHID: Teredo hides the client's IPv4 address behind a relay, so it
 * locates nothing) and the documentation ranges; that excludes unspecified, loopback, discard, unique local,
 * link-local, site-local and multicast addresses. An IPv6 address that embeds an IPv4 address (IPv4-mapped,
 * IPv4-compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is judged by, and answered as, that IPv4
 * address, since it is the client's. A zone id ({@code fe80::1%eth0}) makes the text no address here.
 */
public final class PublicAddresses {
  private static final List<Cidr> NON_PUBLIC_IPV4 = ranges("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
      "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
      "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
  private static final Cidr GLOBAL_UNICAST_IPV6 = Cidr.parse("2000::/3");
  private static final List<Cidr> NON_PUBLIC_IPV6 = ranges("2001::/23", "2001:db8::/32", "3fff::/20");
  private static final List<Embedding> EMBEDDINGS = List.of(new Embedding(Cidr.parse("::/96"), 12),
      new Embedding(Cidr.parse("64:ff9b::/96"), 12), new Embedding(Cidr.parse("2002::/16"), 2));

  private PublicAddresses() {}

  /** The address when {@code text} is an IPv4 or IPv6 literal of a public unicast address, else empty. */
  public static Optional<InetAddress> parse(String text) {
    return IpLiterals.parse(text).flatMap(PublicAddresses::publicAddress).map(IpLiterals::inetAddress);
  }

  private static Optional<byte[]> publicAddress(byte[] address) {
    if (address.length == 4) {
      return NON_PUBLIC_IPV4.stream().anyMatch(range -> range.contains(address))
          ? Optional.empty() : Optional.of(address);
    }
    for (Embedding embedding : EMBEDDINGS) {
      if (embedding.range().contains(address)) {
        int at = embedding.offset();
        return publicAddress(Arrays.copyOfRange(address, at, at + 4));
      }
    }
    return GLOBAL_UNICAST_IPV6.contains(address) && NON_PUBLIC_IPV6.stream().noneMatch(r -> r.contains(address))
        ? Optional.of(address) : Optional.empty();
  }

  private static List<Cidr> ranges(String... cidrs) {
    return Stream.of(cidrs).map(Cidr::parse).toList();
  }

  /** An IPv6 range whose addresses carry an IPv4 address at a byte offset. */
  private record Embedding(Cidr range, int offset) {}
}
