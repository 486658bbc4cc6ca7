package org.leadgate.enrichment.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies in front of the gateway, by address range, and how to find the client behind them. Only a
 * trusted proxy's {@code X-Forwarded-For} is believed: anyone else can write any address into that header.
 */
public final class TrustedProxies {
  private final List<Cidr> ranges;

  private TrustedProxies(List<Cidr> ranges) {
    this.ranges = ranges;
  }

  /**
   * Trusts the given IPv4 and IPv6 ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) or single addresses; an empty list
   * trusts nobody.
   *
   * @throws IllegalArgumentException naming the first bad entry by its index and text
   */
  public static TrustedProxies of(List<String> cidrs) {
    List<Cidr> ranges = new ArrayList<>();
    for (int i = 0; i < cidrs.size(); i++) {
      try {
        ranges.add(Cidr.parse(cidrs.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entry " + i + ": " + e.getMessage(), e);
      }
    }
    return new TrustedProxies(List.copyOf(ranges));
  }

  /**
   * The client's address. When the socket's peer {@code remoteAddress} is not a trusted proxy it is the client and
   * is returned as given. Otherwise the {@code X-Forwarded-For} entries (all header values in order, each a
   * comma-separated list; empty entries skipped) are walked from the right past trusted proxies, and the first
   * untrusted entry is the client. The walk stops at an entry that is not a bare IP literal (a name,
   * {@code unknown}, an address with a port) and answers the last trusted hop instead: what such an entry claims
   * cannot be checked, so nothing to its left is believed. When every hop is trusted, the leftmost one is answered.
   * The answer is then in canonical form (RFC 5952 for IPv6).
   */
  public String clientAddress(String remoteAddress, List<String> xForwardedForHeaderValues) {
    Optional<byte[]> remote = IpLiterals.parse(remoteAddress.strip());
    if (remote.isEmpty() || !trusted(remote.get())) {
      return remoteAddress;
    }
    List<String> hops = new ArrayList<>();
    for (String value : xForwardedForHeaderValues) {
      hops.addAll(List.of(value.split(",")));
    }
    byte[] client = remote.get();
    for (int i = hops.size() - 1; i >= 0 && trusted(client); i--) {
      String hop = hops.get(i).strip();
      if (!hop.isEmpty()) {
        Optional<byte[]> address = IpLiterals.parse(hop);
        if (address.isEmpty()) {
          break;
        }
        client = address.get();
      }
    }
    return IpLiterals.format(client);
  }

  private boolean trusted(byte[] address) {
    for (Cidr range : ranges) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
