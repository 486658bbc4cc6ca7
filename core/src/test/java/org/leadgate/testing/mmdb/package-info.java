/**
 * A small writer of MaxMind DB files ({@link org.leadgate.testing.mmdb.MmdbWriter}) and test databases shaped like
 * GeoIP2/GeoLite2 and DB-IP databases ({@link org.leadgate.testing.mmdb.GeoIpTestDatabases}), so tests never need a
 * downloaded database.
 */
package org.leadgate.testing.mmdb;
