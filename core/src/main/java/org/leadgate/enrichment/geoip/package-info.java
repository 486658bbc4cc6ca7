/**
 * IP geolocation and network data from MaxMind GeoIP2: {@link org.leadgate.enrichment.geoip.GeoIpDatabaseFactory}
 * ({@code geoip2-database}) reads a local GeoIP2, GeoLite2 or GeoIP2-compatible DB-IP database and picks up a
 * replaced file without a restart; {@link org.leadgate.enrichment.geoip.GeoIpWebServiceFactory}
 * ({@code geoip2-web-service}) asks MaxMind's Country, City or Insights web service. Both write the same fields.
 */
package org.leadgate.enrichment.geoip;
