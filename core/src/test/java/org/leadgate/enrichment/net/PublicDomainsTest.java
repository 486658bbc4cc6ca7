package org.leadgate.enrichment.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicDomainsTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      // bare names
      "acme.de; acme.de",
      "ACME.De; acme.de",
      "'  acme.de  '; acme.de",
      "acme.de.; acme.de",
      "shop.acme.co.uk; shop.acme.co.uk",
      "1und1.de; 1und1.de",
      "a-b.de; a-b.de",
      // a leading www. goes, unless nothing but a TLD would be left
      "www.acme.de; acme.de",
      "WWW.acme.de.; acme.de",
      "www.de; www.de",
      "www2.acme.de; www2.acme.de",
      // URLs: the host only
      "https://www.acme.de/kontakt?x=1#top; acme.de",
      "http://acme.de:8080/path; acme.de",
      "HTTPS://ACME.DE; acme.de",
      "https://user:secret@acme.de/; acme.de",
      "https://acme.de?q=1; acme.de",
      "https://acme.de#top; acme.de",
      "acme.de/kontakt; acme.de",
      "acme.de:443; acme.de",
      "acme.de/redirect?to=http://127.0.0.1/; acme.de",
      "http://acme.de\\@127.0.0.1/; acme.de",
      // email addresses: the part after the last @
      "jane.doe@acme.de; acme.de",
      "Jane@Mail.Acme.DE; mail.acme.de",
      "\"jane@home\"@acme.de; acme.de",
      "mailto:jane@acme.de; acme.de",
      // internationalised names become punycode
      "bücher.de; xn--bcher-kva.de",
      "BÜCHER.de; xn--bcher-kva.de",
      "https://www.bücher.de/shop; xn--bcher-kva.de",
      "info@bücher.de; xn--bcher-kva.de",
      "xn--bcher-kva.de; xn--bcher-kva.de",
      "bücher。de; xn--bcher-kva.de",
      "пример.рф; xn--e1afmkfd.xn--p1ai",
  })
  void a_public_name_is_normalised(String typed, String domain) {
    assertEquals(Optional.of(domain), PublicDomains.normalise(typed));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", "acme", "de", ".", "www.",
      // IP literals, however written
      "127.0.0.1", "81.2.69.160", "http://127.0.0.1/", "http://81.2.69.160:8080/x", "[::1]", "::1",
      "http://[::1]:8080/", "http://[2a02:8108::1]/", "2a02:8108::1", "jane@[127.0.0.1]", "jane@127.0.0.1",
      "2130706433", "http://2130706433/", "0x7f.0.0.1", "127.1", "1.2.3", "acme.123", "0x7f.0x1",
      // user info tricks
      "evil.com@127.0.0.1", "http://evil.com@127.0.0.1/", "https://acme.de@localhost:8080/",
      // internal and special-use names
      "localhost", "LOCALHOST.", "http://localhost:8080", "app.localhost", "intranet", "printer.lan",
      "nas.local", "db.internal", "wiki.intranet", "x.corp", "router.home", "nas.home.arpa",
      "1.0.0.127.in-addr.arpa", "site.test", "example.com", "www.example.org", "shop.example.net", "x.example",
      "foo.invalid", "abcdefghijklmnop.onion", "a.private", "box.localdomain", "x.alt",
      // wildcard DNS that points at any address written into the name
      "127.0.0.1.nip.io", "10.0.0.1.sslip.io", "lvh.me", "app.localtest.me", "x.xip.io",
      // not a host name
      "under_score.de", "-acme.de", "acme-.de", "acme..de", ".acme.de", "acme.de..", "acme .de", "acme%2ede",
      "acme.de:abc", "acme.de:123456", "http://acme.de:99999999/", "http://", "https:///path", "jane@",
      "@acme", "acme.de/@x", "acme.d", "acme.de1", "ac!me.de", "acme.xn--",
  })
  void anything_else_is_refused(String typed) {
    assertEquals(Optional.empty(), PublicDomains.normalise(typed));
  }

  @Test
  void a_null_is_refused() {
    assertEquals(Optional.empty(), PublicDomains.normalise(null));
  }

  @Test
  void a_label_may_have_63_characters_but_not_64() {
    assertEquals(Optional.of("a".repeat(63) + ".de"), PublicDomains.normalise("a".repeat(63) + ".de"));
    assertEquals(Optional.empty(), PublicDomains.normalise("a".repeat(64) + ".de"));
  }

  @Test
  void a_name_may_have_253_characters_but_not_254() {
    String label = "a".repeat(62) + ".";
    String longest = label.repeat(3) + "b".repeat(61) + ".de";
    String tooLong = "c" + longest;

    assertEquals(253, longest.length());
    assertEquals(Optional.of(longest), PublicDomains.normalise(longest));
    assertEquals(Optional.empty(), PublicDomains.normalise(tooLong));
  }
}
