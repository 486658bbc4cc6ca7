package org.leadgate.enrichment.geoip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.LookupQuery;

/** The lookup query of an IP provider: {@code ip=<address literal>}, read back without ever asking DNS. */
final class IpQuery {
  private static final String IP = "ip";
  /** Dotted digits (IPv4) or anything with a colon (IPv6): texts {@link InetAddress} parses without DNS. */
  private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F.]*:[0-9a-fA-F:.]*");

  private IpQuery() {}

  static Optional<LookupQuery> of(EnrichmentInput input) {
    return input.ip().map(ip -> LookupQuery.of(IP, ip.getHostAddress()));
  }

  /** The query's address, or empty when it holds none. */
  static Optional<InetAddress> address(LookupQuery query) {
    return query.get(IP).filter(text -> LITERAL.matcher(text).matches()).flatMap(text -> {
      try {
        return Optional.of(InetAddress.getByName(text));
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    });
  }
}
