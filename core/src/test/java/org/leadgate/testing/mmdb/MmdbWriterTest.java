package org.leadgate.testing.mmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MmdbWriterTest {
  @TempDir
  Path directory;

  private static InetAddress ip(String literal) throws IOException {
    return InetAddress.getByName(literal);
  }

  @ParameterizedTest
  @ValueSource(ints = {24, 28, 32})
  void the_geoip2_reader_finds_ipv4_and_ipv6_networks_with_every_record_size(int recordSize) throws Exception {
    Path file = GeoIpTestDatabases.city("GeoIP2-City").recordSize(recordSize).write(directory.resolve("city.mmdb"));

    try (DatabaseReader reader = new DatabaseReader.Builder(file.toFile()).build()) {
      assertEquals(recordSize, reader.metadata().recordSize());
      CityResponse london = reader.city(ip("81.2.69.1"));
      assertEquals("London", london.city().name());
      assertEquals(2643743L, london.city().geonameId());
      assertEquals("GB", london.country().isoCode());
      assertEquals(10, london.location().accuracyRadius());
      assertEquals(51.5142, london.location().latitude());
      assertEquals(List.of("ENG", "LND"), london.subdivisions().stream().map(s -> s.isoCode()).toList());
      assertEquals("81.2.69.0/24", london.traits().network().toString());
      CityResponse nuremberg = reader.city(ip("2a01:4f8:ffff::1"));
      assertEquals("Nürnberg", nuremberg.city().names().get("de"));
      assertEquals("DE", nuremberg.country().isoCode());
      assertEquals(Optional.empty(), reader.tryCity(ip("81.2.70.1")));
      assertEquals(Optional.empty(), reader.tryCity(ip("2a01:4f9::1")));
    }
  }

  @Test
  void the_metadata_names_the_type_build_time_and_tree() throws Exception {
    Path file = new MmdbWriter("GeoLite2-ASN").buildTime(Instant.parse("2026-03-01T12:00:00Z"))
        .insert("1.0.0.0/24", Map.of("autonomous_system_number", 13335L)).write(directory.resolve("asn.mmdb"));

    try (Reader reader = new Reader(file.toFile())) {
      Metadata metadata = reader.getMetadata();
      assertEquals("GeoLite2-ASN", metadata.databaseType());
      assertEquals(Instant.parse("2026-03-01T12:00:00Z"), metadata.buildTime());
      assertEquals(6, metadata.ipVersion());
      assertEquals(2, metadata.binaryFormatMajorVersion());
      assertEquals(List.of("en"), metadata.languages());
      assertEquals(Map.of("en", "GeoLite2-ASN test database"), metadata.description());
      assertEquals(96 + 24, metadata.nodeCount());
    }
  }

  @Test
  void every_value_type_reads_back_as_written_including_long_strings() throws Exception {
    Map<String, Object> record = Map.of(
        "short", "x",
        "medium", "m".repeat(200),
        "long", "l".repeat(70_000),
        "unicode", "Zürich 東京",
        "uint16", 65_535,
        "uint32", 4_294_967_295L,
        "uint64", new BigInteger("18446744073709551615"),
        "double", -0.0931,
        "flags", List.of(true, false),
        "nested", Map.of("empty", Map.of(), "zero", 0L));
    Path file = new MmdbWriter("Test").insert("10.0.0.0/8", record).write(directory.resolve("types.mmdb"));

    try (Reader reader = new Reader(file.toFile())) {
      assertEquals(record, reader.get(ip("10.1.2.3"), Map.class));
    }
  }

  @Test
  void a_more_specific_network_overrides_the_covering_one_only_inside_it() throws Exception {
    Path file = new MmdbWriter("GeoLite2-ASN")
        .insert("81.2.0.0/16", Map.of("autonomous_system_number", 1L))
        .insert("81.2.69.0/24", Map.of("autonomous_system_number", 2L))
        .write(directory.resolve("nested.mmdb"));

    try (DatabaseReader reader = new DatabaseReader.Builder(file.toFile()).build()) {
      AsnResponse inside = reader.asn(ip("81.2.69.9"));
      assertEquals(2L, inside.autonomousSystemNumber());
      assertEquals("81.2.69.0/24", inside.network().toString());
      assertEquals(1L, reader.asn(ip("81.2.68.9")).autonomousSystemNumber());
      assertEquals(1L, reader.asn(ip("81.2.255.255")).autonomousSystemNumber());
    }
  }

  @Test
  void networks_sharing_a_record_store_it_once() {
    Map<String, Object> record = Map.of("autonomous_system_number", 1L, "autonomous_system_organization",
        "o".repeat(1_000));
    int one = new MmdbWriter("GeoLite2-ASN").insert("1.0.0.0/24", record).toBytes().length;
    int two = new MmdbWriter("GeoLite2-ASN").insert("1.0.0.0/24", record).insert("1.0.1.0/24", record)
        .toBytes().length;

    assertTrue(two - one < 100, "second network added " + (two - one) + " bytes");
  }

  @Test
  void maps_and_arrays_shared_by_records_are_written_once_and_pointed_to_from_near_and_far() throws Exception {
    Map<String, Object> near = Map.of("iso_code", "GB", "names", Map.of("en", "United Kingdom"));
    Map<String, Object> middle = Map.of("iso_code", "DE", "names", Map.of("en", "Germany"));
    List<Object> far = List.of(Map.of("iso_code", "BY"), "Bavaria");
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("near", near);
    first.put("pad1", "a".repeat(3_000));
    first.put("middle", middle);
    first.put("pad2", "b".repeat(600_000));
    first.put("far", far);
    Map<String, Object> second = Map.of("country", near, "other", middle, "subdivisions", far, "list", List.of(near));
    MmdbWriter writer = new MmdbWriter("Test").insert("10.0.0.0/8", first).insert("11.0.0.0/8", second);
    Path file = writer.write(directory.resolve("pointers.mmdb"));

    try (Reader reader = new Reader(file.toFile())) {
      assertEquals(first, reader.get(ip("10.0.0.1"), Map.class));
      assertEquals(second, reader.get(ip("11.0.0.1"), Map.class));
    }
    int withoutSecond = new MmdbWriter("Test").insert("10.0.0.0/8", first).toBytes().length;
    assertTrue(writer.toBytes().length - withoutSecond < 100, "the second record repeated shared values");
  }

  @Test
  void values_that_do_not_fit_their_type_are_refused() {
    MmdbWriter writer = new MmdbWriter("Test");
    assertThrows(IllegalArgumentException.class, () -> writer.insert("1.0.0.0/24", Map.of("n", 65_536)).toBytes());
    assertThrows(IllegalArgumentException.class, () -> new MmdbWriter("Test").insert("1.0.0.0/24", Map.of("n", -1L))
        .toBytes());
    assertThrows(IllegalArgumentException.class, () -> new MmdbWriter("Test").insert("1.0.0.0/24", Map.of("f", 1.5f))
        .toBytes());
    assertThrows(IllegalArgumentException.class, () -> new MmdbWriter("Test").insert("example.com/24", Map.of()));
  }
}
