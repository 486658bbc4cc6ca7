package org.leadgate.testing.mmdb;

import java.util.List;
import java.util.Map;

/**
 * Test databases shaped like the GeoIP2/GeoLite2 and DB-IP ones, each knowing {@link #LONDON_IPV4} (81.2.69.0/24)
 * and {@link #NUREMBERG_IPV6} (2a01:4f8::/32) and nothing else. The database type names the kind, e.g.
 * {@code GeoIP2-City}, {@code GeoLite2-ASN}, {@code DBIP-ASN-Lite (compat=GeoLite2-ASN)}.
 */
public final class GeoIpTestDatabases {
  /** An address in 81.2.69.0/24: London, England, GB; AS20712; a business network in {@link #enterprise}. */
  public static final String LONDON_IPV4 = "81.2.69.160";
  /** An address in 2a01:4f8::/32: Nürnberg, Bayern, DE; AS24940; a residential network in {@link #enterprise}. */
  public static final String NUREMBERG_IPV6 = "2a01:4f8:c17:b8f::2";
  /** An address in none of the databases. */
  public static final String UNKNOWN_IPV4 = "203.0.113.7";

  private GeoIpTestDatabases() {}

  /** GeoIP2/GeoLite2 City: city, subdivisions, postal code, location, country. */
  public static MmdbWriter city(String databaseType) {
    return new MmdbWriter(databaseType)
        .insert("81.2.69.0/24", Map.of(
            "city", Map.of("geoname_id", 2643743L, "names", Map.of("en", "London", "de", "London")),
            "continent", europe(),
            "country", unitedKingdom(),
            "registered_country", unitedKingdom(),
            "location", Map.of("accuracy_radius", 10, "latitude", 51.5142, "longitude", -0.0931,
                "time_zone", "Europe/London"),
            "postal", Map.of("code", "EC1A"),
            "subdivisions", List.of(
                Map.of("geoname_id", 6269131L, "iso_code", "ENG", "names", Map.of("en", "England")),
                Map.of("geoname_id", 2648110L, "iso_code", "LND", "names", Map.of("en", "London")))))
        .insert("2a01:4f8::/32", Map.of(
            "city", Map.of("geoname_id", 2861650L, "names", Map.of("en", "Nuremberg", "de", "Nürnberg")),
            "continent", europe(),
            "country", germany(),
            "registered_country", germany(),
            "location", Map.of("accuracy_radius", 20, "latitude", 49.4478, "longitude", 11.0683,
                "time_zone", "Europe/Berlin"),
            "postal", Map.of("code", "90402"),
            "subdivisions", List.of(
                Map.of("geoname_id", 2951839L, "iso_code", "BY", "names", Map.of("en", "Bavaria", "de", "Bayern")))));
  }

  /** GeoIP2/GeoLite2 Country: continent and country only. */
  public static MmdbWriter country(String databaseType) {
    return new MmdbWriter(databaseType)
        .insert("81.2.69.0/24", Map.of("continent", europe(), "country", unitedKingdom(),
            "registered_country", unitedKingdom()))
        .insert("2a01:4f8::/32", Map.of("continent", europe(), "country", germany(),
            "registered_country", germany()));
  }

  /** GeoLite2 ASN: the autonomous system's number and organisation. */
  public static MmdbWriter asn(String databaseType) {
    return new MmdbWriter(databaseType)
        .insert("81.2.69.0/24", Map.of("autonomous_system_number", 20712L,
            "autonomous_system_organization", "Andrews & Arnold Ltd"))
        .insert("2a01:4f8::/32", Map.of("autonomous_system_number", 24940L,
            "autonomous_system_organization", "Hetzner Online GmbH"));
  }

  /** GeoIP2 ISP: ASN, ISP and organisation, but no user type. */
  public static MmdbWriter isp(String databaseType) {
    return new MmdbWriter(databaseType)
        .insert("81.2.69.0/24", Map.of("autonomous_system_number", 20712L,
            "autonomous_system_organization", "Andrews & Arnold Ltd", "isp", "Andrews & Arnold",
            "organization", "Acme Widgets Ltd"))
        .insert("2a01:4f8::/32", Map.of("autonomous_system_number", 24940L,
            "autonomous_system_organization", "Hetzner Online GmbH", "isp", "Hetzner Online",
            "organization", "Hetzner Online"));
  }

  /**
   * GeoIP2 Enterprise: City with confidence values and network traits; London is a business network of
   * {@code Acme Widgets Ltd}, Nürnberg a residential one whose organisation is the ISP's customer pool.
   */
  public static MmdbWriter enterprise(String databaseType) {
    return new MmdbWriter(databaseType)
        .insert("81.2.69.0/24", Map.of(
            "city", Map.of("confidence", 50, "geoname_id", 2643743L, "names", Map.of("en", "London")),
            "continent", europe(),
            "country", Map.of("confidence", 99, "geoname_id", 2635167L, "iso_code", "GB",
                "names", Map.of("en", "United Kingdom")),
            "location", Map.of("accuracy_radius", 5, "latitude", 51.5142, "longitude", -0.0931,
                "time_zone", "Europe/London"),
            "postal", Map.of("code", "EC1A", "confidence", 20),
            "subdivisions", List.of(Map.of("confidence", 80, "geoname_id", 6269131L, "iso_code", "ENG",
                "names", Map.of("en", "England"))),
            "traits", Map.of("autonomous_system_number", 20712L,
                "autonomous_system_organization", "Andrews & Arnold Ltd", "connection_type", "Corporate",
                "domain", "acme-widgets.co.uk", "isp", "Andrews & Arnold", "organization", "Acme Widgets Ltd",
                "user_type", "business")))
        .insert("2a01:4f8::/32", Map.of(
            "city", Map.of("confidence", 30, "geoname_id", 2861650L, "names", Map.of("en", "Nuremberg")),
            "continent", europe(),
            "country", Map.of("confidence", 95, "geoname_id", 2921044L, "iso_code", "DE",
                "names", Map.of("en", "Germany")),
            "location", Map.of("accuracy_radius", 50, "latitude", 49.4478, "longitude", 11.0683,
                "time_zone", "Europe/Berlin"),
            "postal", Map.of("code", "90402", "confidence", 10),
            "subdivisions", List.of(Map.of("confidence", 70, "geoname_id", 2951839L, "iso_code", "BY",
                "names", Map.of("en", "Bavaria"))),
            "traits", Map.of("autonomous_system_number", 24940L,
                "autonomous_system_organization", "Hetzner Online GmbH", "connection_type", "Cable/DSL",
                "isp", "Hetzner Online", "organization", "Hetzner Residential Customers",
                "user_type", "residential")));
  }

  /**
   * DB-IP City Lite ({@code DBIP-City-Lite}): GeoIP2-compatible, but without geoname ids, subdivision codes, postal
   * codes, time zones and accuracy radius.
   */
  public static MmdbWriter dbIpCity() {
    return new MmdbWriter("DBIP-City-Lite")
        .insert("81.2.69.0/24", Map.of(
            "city", Map.of("names", Map.of("en", "London")),
            "continent", Map.of("code", "EU", "geoname_id", 6255148L, "names", Map.of("en", "Europe")),
            "country", Map.of("is_in_european_union", false, "iso_code", "GB",
                "names", Map.of("en", "United Kingdom")),
            "location", Map.of("latitude", 51.5085, "longitude", -0.12574),
            "subdivisions", List.of(Map.of("names", Map.of("en", "England")))))
        .insert("2a01:4f8::/32", Map.of(
            "city", Map.of("names", Map.of("en", "Nuremberg")),
            "continent", Map.of("code", "EU", "geoname_id", 6255148L, "names", Map.of("en", "Europe")),
            "country", Map.of("is_in_european_union", true, "iso_code", "DE", "names", Map.of("en", "Germany")),
            "location", Map.of("latitude", 49.4542, "longitude", 11.0775),
            "subdivisions", List.of(Map.of("names", Map.of("en", "Bavaria")))));
  }

  private static Map<String, Object> europe() {
    return Map.of("code", "EU", "geoname_id", 6255148L, "names", Map.of("en", "Europe", "de", "Europa"));
  }

  private static Map<String, Object> unitedKingdom() {
    return Map.of("geoname_id", 2635167L, "iso_code", "GB",
        "names", Map.of("en", "United Kingdom", "de", "Vereinigtes Königreich"));
  }

  private static Map<String, Object> germany() {
    return Map.of("geoname_id", 2921044L, "is_in_european_union", true, "iso_code", "DE",
        "names", Map.of("en", "Germany", "de", "Deutschland"));
  }
}
