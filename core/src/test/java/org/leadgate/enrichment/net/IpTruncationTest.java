package org.leadgate.enrichment.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpTruncationTest {

  private static InetAddress literal(String text) {
    return PublicAddresses.parse(text).orElseThrow();
  }

  @ParameterizedTest
  @CsvSource({
      "81.2.69.160, 24, 81.2.69.0",
      "81.2.69.160, 25, 81.2.69.128",
      "81.2.69.160, 20, 81.2.64.0",
      "81.2.69.160, 16, 81.2.0.0",
      "81.2.69.160, 8, 81.0.0.0",
      "81.2.69.160, 32, 81.2.69.160",
      "81.2.69.160, 0, 0.0.0.0",
  })
  void an_ipv4_address_keeps_its_first_prefix_bits(String address, int bits, String expected) {
    assertEquals(expected, IpTruncation.truncate(literal(address), bits, 48));
  }

  @ParameterizedTest
  @CsvSource({
      "2a02:8108:1234:5678:9abc::1, 48, 2a02:8108:1234::",
      "2a02:8108:1234:5678:9abc::1, 52, 2a02:8108:1234:5000::",
      "2a02:8108:1234:5678:9abc::1, 56, 2a02:8108:1234:5600::",
      "2a02:8108:1234:5678:9abc::1, 64, 2a02:8108:1234:5678::",
      "2a02:8108:1234:5678:9abc::1, 128, 2a02:8108:1234:5678:9abc::1",
      "2a02:8108:1234:5678:9abc::1, 0, ::",
      "2A02:8108:0:0:1:0:0:1, 128, 2a02:8108::1:0:0:1",
      "2a02:0:0:1:0:0:0:1, 128, 2a02:0:0:1::1",
      "2a02:db8:0:1:1:1:1:1, 128, 2a02:db8:0:1:1:1:1:1",
      "2a02:8108:1234:5678:9abc:def0:1234:5678, 112, 2a02:8108:1234:5678:9abc:def0:1234:0",
  })
  void an_ipv6_address_keeps_its_first_prefix_bits_in_rfc_5952_form(String address, int bits, String expected) {
    assertEquals(expected, IpTruncation.truncate(literal(address), 24, bits));
  }

  @ParameterizedTest
  @CsvSource({
      "-1, 48, 'ipv4PrefixBits must be within 0..32, was -1'",
      "33, 48, 'ipv4PrefixBits must be within 0..32, was 33'",
      "24, -1, 'ipv6PrefixBits must be within 0..128, was -1'",
      "24, 129, 'ipv6PrefixBits must be within 0..128, was 129'",
  })
  void a_prefix_length_out_of_range_is_refused_for_either_family(int ipv4Bits, int ipv6Bits, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IpTruncation.truncate(literal("81.2.69.160"), ipv4Bits, ipv6Bits));

    assertEquals(message, e.getMessage());
  }
}
