package org.leadgate.enrichment.geoip;

import java.net.InetAddress;
import java.util.Optional;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.net.IpLiterals;

/** The lookup query of an IP provider: {@code ip=<address literal>}, read back without ever asking DNS. */
final class IpQuery {
  private static final String IP = "ip";

  private IpQuery() {}

  static Optional<LookupQuery> of(EnrichmentInput input) {
    return input.ip().map(ip -> LookupQuery.of(IP, ip.getHostAddress()));
  }

  /** The query's address, or empty when it holds none. */
  static Optional<InetAddress> address(LookupQuery query) {
    return query.get(IP).flatMap(IpLiterals::address);
  }
}
