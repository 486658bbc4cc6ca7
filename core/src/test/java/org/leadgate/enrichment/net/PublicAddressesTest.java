package org.leadgate.enrichment.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicAddressesTest {

  @ParameterizedTest
  @CsvSource({
      "81.2.69.160, 81.2.69.160",
      "8.8.8.8, 8.8.8.8",
      "1.0.0.1, 1.0.0.1",
      "223.255.255.255, 223.255.255.255",
      // just outside the special ranges
      "9.255.255.255, 9.255.255.255",
      "11.0.0.0, 11.0.0.0",
      "100.63.255.255, 100.63.255.255",
      "100.128.0.0, 100.128.0.0",
      "169.253.255.255, 169.253.255.255",
      "172.15.255.255, 172.15.255.255",
      "172.32.0.0, 172.32.0.0",
      "192.0.1.1, 192.0.1.1",
      "192.167.255.255, 192.167.255.255",
      "192.169.0.0, 192.169.0.0",
      "198.17.255.255, 198.17.255.255",
      "198.20.0.0, 198.20.0.0",
      "2a02:8108:1234:5678::1, 2a02:8108:1234:5678:0:0:0:1",
      "2A02:8108:1234:5678:0:0:0:1, 2a02:8108:1234:5678:0:0:0:1",
      "2001:4860:4860::8888, 2001:4860:4860:0:0:0:0:8888",
      "[2606:4700:4700::1111], 2606:4700:4700:0:0:0:0:1111",
      "2001:200::1, 2001:200:0:0:0:0:0:1",
      "3fff:1000::1, 3fff:1000:0:0:0:0:0:1",
  })
  void a_public_unicast_literal_is_the_address(String text, String expected) {
    assertEquals(expected, PublicAddresses.parse(text).orElseThrow().getHostAddress());
  }

  @ParameterizedTest
  @CsvSource({
      "::ffff:81.2.69.160, 81.2.69.160",
      "::ffff:5102:45a0, 81.2.69.160",
      "::81.2.69.160, 81.2.69.160",
      "64:ff9b::81.2.69.160, 81.2.69.160",
      "64:ff9b::808:808, 8.8.8.8",
      "2002:5102:45a0::1, 81.2.69.160",
  })
  void an_ipv6_address_embedding_a_public_ipv4_address_is_that_ipv4_address(String text, String ipv4) {
    InetAddress address = PublicAddresses.parse(text).orElseThrow();

    assertInstanceOf(Inet4Address.class, address);
    assertEquals(ipv4, address.getHostAddress());
  }

  @Test
  void a_public_ipv6_address_stays_ipv6() {
    assertInstanceOf(Inet6Address.class, PublicAddresses.parse("2a02:8108::1").orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // IPv4: this network, private, shared (CGNAT), loopback, link-local, IETF, documentation, 6to4 relay,
      // benchmarking, multicast, reserved, broadcast
      "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.255", "127.0.0.1",
      "127.255.255.254", "169.254.0.1", "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.8",
      "192.0.2.1", "192.88.99.1", "192.168.0.1", "192.168.255.255", "198.18.0.1", "198.19.255.255",
      "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1", "254.1.2.3", "255.255.255.255",
      // IPv6: unspecified, loopback, discard, unique local, link-local, site-local, multicast, documentation,
      // Teredo and the rest of the IETF block, local-use NAT64, outside global unicast
      "::", "::1", "[::1]", "100::1", "fc00::1", "fd12:3456:789a::1", "fe80::1", "febf::1", "fec0::1",
      "feff::1", "ff02::1", "ff0e::1", "2001:db8::1", "2001:db8:ffff::1", "2001::1", "2001:0:4136:e378::1",
      "2001:2::1", "2001:10::1", "2001:1ff::1", "3fff::1", "3fff:fff::1", "64:ff9b:1::1", "4000::1", "1::1",
      // embedding a non-public IPv4 address: mapped, compatible, NAT64, 6to4
      "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:7f00:1", "::10.0.0.1", "::192.168.0.1",
      "64:ff9b::192.168.0.1", "64:ff9b::a9fe:a9fe", "2002:c0a8:101::1", "2002:7f00:1::1", "2002:a00:1::1",
  })
  void a_non_public_address_is_refused(String text) {
    assertEquals(Optional.empty(), PublicAddresses.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", " ", " 81.2.69.160", "81.2.69.160 ", "81.2.69", "81.2.69.160.1", "81.2.69.", ".81.2.69.160", "256.1.1.1",
      "81.2.69.1600", "081.2.69.160", "81.2.69.016", "0x51.2.69.160", "81.2.69.-1", "+81.2.69.160", "81,2,69,160",
      "1366443936", "\u0668\u0661.2.69.160", "[81.2.69.160]",
      "2a02:8108::1::1", "2a02:8108:1:2:3:4:5:6:7", "2a02:8108:1:2:3:4:5", "2a02:8108:1:2:3:4:5:6::",
      "12345::1", "g::1", ":2a02::1", "2a02::1:", "2a02:::1", "2a02::1%eth0", "fe80::1%1", "[2a02::1",
      "2a02::1]", "::ffff:81.2.69", "::ffff:81.2.69.160.1", "2a02::81.2.69.160:1", "2a02::+1",
  })
  void a_malformed_literal_is_refused(String text) {
    assertEquals(Optional.empty(), PublicAddresses.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com", "leadgate-test-name-that-does-not-exist.invalid", "localhost",
      "81.2.69.160.nip.io", "dns.google", "a2.b3.c4"})
  void a_host_name_is_refused_at_once_without_a_lookup(String name) {
    assertEquals(Optional.empty(),
        assertTimeoutPreemptively(Duration.ofMillis(200), () -> PublicAddresses.parse(name)));
  }
}
