package org.leadgate.enrichment.geoip;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import org.leadgate.enrichment.ProviderResult;

/**
 * What a database holds, told by its metadata's database type as the geoip2 library tells it, richest first:
 * {@code DBIP-Location-ISP (compat=Enterprise)} is an Enterprise database, {@code DBIP-City-Lite} a City one.
 */
enum DatabaseKind {
  ENTERPRISE("Enterprise") {
    @Override
    Optional<ProviderResult> lookup(DatabaseReader reader, InetAddress ip) throws IOException, GeoIp2Exception {
      return reader.tryEnterprise(ip).map(GeoIpFields::of);
    }
  },
  CITY("City") {
    @Override
    Optional<ProviderResult> lookup(DatabaseReader reader, InetAddress ip) throws IOException, GeoIp2Exception {
      return reader.tryCity(ip).map(GeoIpFields::of);
    }
  },
  COUNTRY("Country") {
    @Override
    Optional<ProviderResult> lookup(DatabaseReader reader, InetAddress ip) throws IOException, GeoIp2Exception {
      return reader.tryCountry(ip).map(GeoIpFields::of);
    }
  },
  ISP("GeoIP2-ISP") {
    @Override
    Optional<ProviderResult> lookup(DatabaseReader reader, InetAddress ip) throws IOException, GeoIp2Exception {
      return reader.tryIsp(ip).map(GeoIpFields::of);
    }
  },
  ASN("GeoLite2-ASN") {
    @Override
    Optional<ProviderResult> lookup(DatabaseReader reader, InetAddress ip) throws IOException, GeoIp2Exception {
      return reader.tryAsn(ip).map(GeoIpFields::of);
    }
  };

  /** The part of the database type that marks this kind. */
  private final String marker;

  DatabaseKind(String marker) {
    this.marker = marker;
  }

  /** The fields for {@code ip}, or empty when the database does not know it. */
  abstract Optional<ProviderResult> lookup(DatabaseReader reader, InetAddress ip) throws IOException, GeoIp2Exception;

  static Optional<DatabaseKind> of(String databaseType) {
    return Arrays.stream(values()).filter(kind -> databaseType.contains(kind.marker)).findFirst();
  }
}
