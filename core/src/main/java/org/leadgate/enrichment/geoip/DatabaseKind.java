package org.leadgate.enrichment.geoip;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import org.leadgate.enrichment.ProviderResult;

/**
 * What a database holds, told by its metadata's database type (the way the geoip2 library tells it), richest first:
 * {@code DBIP-Location-ISP (compat=Enterprise)} is an Enterprise database, {@code DBIP-City-Lite} a City one.
 */
enum DatabaseKind {
  ENTERPRISE("Enterprise", DatabaseKind::location),
  CITY("City", DatabaseKind::location),
  COUNTRY("Country", DatabaseKind::location),
  ISP("GeoIP2-ISP", DatabaseKind::network),
  ASN("GeoLite2-ASN", DatabaseKind::network);

  /** A lookup in a database of one kind: the fields for the address, or empty when the database does not know it. */
  @FunctionalInterface
  private interface Lookup {
    Optional<ProviderResult> find(OpenDatabase database, InetAddress ip) throws IOException;
  }

  /** The part of the database type that marks this kind. */
  private final String marker;
  private final Lookup lookup;

  DatabaseKind(String marker, Lookup lookup) {
    this.marker = marker;
    this.lookup = lookup;
  }

  /** The fields for {@code ip}, or empty when the database does not know it. */
  Optional<ProviderResult> lookup(OpenDatabase database, InetAddress ip) throws IOException {
    return lookup.find(database, ip);
  }

  /** A City, Enterprise or Country record, decoded straight into the fields mapped. */
  private static Optional<ProviderResult> location(OpenDatabase database, InetAddress ip) throws IOException {
    return Optional.ofNullable(database.records().get(ip, LocationRecord.class)).map(GeoIpFields::of);
  }

  /** An ASN or ISP record: the network's fields are at its top level. */
  private static Optional<ProviderResult> network(OpenDatabase database, InetAddress ip) throws IOException {
    return Optional.ofNullable(database.records().get(ip, LocationRecord.Network.class))
        .map(network -> GeoIpFields.of(new LocationRecord(null, null, null, null, null, network)));
  }

  static Optional<DatabaseKind> of(String databaseType) {
    return Arrays.stream(values()).filter(kind -> databaseType.contains(kind.marker)).findFirst();
  }
}
