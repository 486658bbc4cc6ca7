package org.leadgate.enrichment.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustedProxiesTest {
  private static final TrustedProxies PROXIES =
      TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.1", "fd00::/8", "2a01:4f8:c0c:1::/64"));

  /** The header values are separated by {@code |} in the tables; an empty cell means no header. */
  private static List<String> headerValues(String cell) {
    return cell == null ? List.of() : List.of(cell.split("\\|", -1));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', nullValues = "none", value = {
      // a peer that is no trusted proxy is the client, whatever it claims
      "81.2.69.160; 1.2.3.4; 81.2.69.160",
      "81.2.69.160; none; 81.2.69.160",
      "192.168.1.2; 1.2.3.4; 192.168.1.2",
      "2a02:8108::1; 1.2.3.4; 2a02:8108::1",
      // a trusted proxy without the header: the proxy is all we know
      "10.0.0.5; none; 10.0.0.5",
      // a chain of trusted proxies in front of the client
      "10.0.0.5; 81.2.69.160; 81.2.69.160",
      "10.0.0.5; 81.2.69.160, 10.0.0.7; 81.2.69.160",
      "192.168.1.1; 81.2.69.160, 10.0.0.7, 10.1.1.1; 81.2.69.160",
      // whatever the client wrote to the left of its own address is ignored
      "10.0.0.5; 6.6.6.6, 81.2.69.160, 10.0.0.7; 81.2.69.160",
      "10.0.0.5; 10.9.9.9, 81.2.69.160; 81.2.69.160",
      // every hop trusted: the leftmost
      "10.0.0.5; 10.0.0.1, 10.0.0.2; 10.0.0.1",
      // several header values are one list, in order
      "10.0.0.5; 6.6.6.6, 81.2.69.160|10.0.0.7; 81.2.69.160",
      "10.0.0.5; 81.2.69.160|10.0.0.7, 10.0.0.8; 81.2.69.160",
      "10.0.0.5; 81.2.69.160|6.6.6.6; 6.6.6.6",
      // empty entries and spaces are skipped
      "10.0.0.5; ' 81.2.69.160 , , 10.0.0.7,'; 81.2.69.160",
      "10.0.0.5; ''; 10.0.0.5",
      // IPv6 proxies and clients, answered in canonical form
      "fd00::1; 2A02:8108:0:0::1; 2a02:8108::1",
      "2a01:4f8:c0c:1::2; 81.2.69.160, fd12::3; 81.2.69.160",
      "2a01:4f8:c0c:2::2; 81.2.69.160; 2a01:4f8:c0c:2::2",
      "10.0.0.5; 2a02:8108::1, 2a01:4f8:c0c:1::9; 2a02:8108::1",
      "::ffff:10.0.0.5; 81.2.69.160; 81.2.69.160",
      // an entry that is no bare address stops the walk at the last trusted hop
      "10.0.0.5; 81.2.69.160, unknown, 10.0.0.7; 10.0.0.7",
      "10.0.0.5; 81.2.69.160:443; 10.0.0.5",
      "10.0.0.5; [2a02:8108::1]:443; 10.0.0.5",
      "10.0.0.5; 81.2.69.160, evil.example; 10.0.0.5",
      "10.0.0.5; 81.2.69.160, _hidden; 10.0.0.5",
  })
  void the_client_is_the_first_untrusted_hop_from_the_right(String remote, String xForwardedFor, String client) {
    assertEquals(client, PROXIES.clientAddress(remote, headerValues(xForwardedFor)));
  }

  @Test
  void an_empty_list_trusts_nobody() {
    TrustedProxies nobody = TrustedProxies.of(List.of());

    assertEquals("10.0.0.5", nobody.clientAddress("10.0.0.5", List.of("81.2.69.160")));
  }

  @Test
  void a_range_given_with_host_bits_covers_its_whole_network() {
    TrustedProxies proxies = TrustedProxies.of(List.of("10.1.2.3/8"));

    assertEquals("81.2.69.160", proxies.clientAddress("10.200.0.1", List.of("81.2.69.160")));
  }

  @Test
  void an_ipv4_range_never_covers_an_ipv6_address() {
    TrustedProxies proxies = TrustedProxies.of(List.of("0.0.0.0/0"));

    assertEquals("2a02:8108::1", proxies.clientAddress("2a02:8108::1", List.of("81.2.69.160")));
    assertEquals("81.2.69.160", proxies.clientAddress("10.0.0.1", List.of("81.2.69.160")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "10.0.0/8; entry 1: '10.0.0/8' is not an IP address or CIDR range",
      "proxy.internal; entry 1: 'proxy.internal' is not an IP address or CIDR range",
      "10.0.0.0/33; entry 1: '10.0.0.0/33' needs a prefix length from 0 to 32 after the slash",
      "fd00::/129; entry 1: 'fd00::/129' needs a prefix length from 0 to 128 after the slash",
      "10.0.0.0/; entry 1: '10.0.0.0/' needs a prefix length from 0 to 32 after the slash",
      "10.0.0.0/-8; entry 1: '10.0.0.0/-8' needs a prefix length from 0 to 32 after the slash",
      "10.0.0.0/8/8; entry 1: '10.0.0.0/8/8' needs a prefix length from 0 to 32 after the slash",
  })
  void a_bad_range_is_refused_naming_its_entry(String bad, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("10.0.0.0/8", bad)));

    assertEquals(message, e.getMessage());
  }
}
