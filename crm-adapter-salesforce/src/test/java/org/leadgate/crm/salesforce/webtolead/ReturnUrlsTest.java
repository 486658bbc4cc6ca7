package org.leadgate.crm.salesforce.webtolead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadgate.config.ConfigException;
import org.leadgate.crm.salesforce.hooks.TestConfig;

class ReturnUrlsTest {
  private final ReturnUrls returnUrls = new ReturnUrls(Set.of("www.example.de", "example.de"), false);

  @ParameterizedTest
  @ValueSource(strings = {
      "https://www.example.de/danke",
      "https://example.de/danke?campaign=spring#top",
      "HTTPS://WWW.EXAMPLE.DE/danke",
      "https://www.example.de:8443/danke"})
  void permits_https_urls_on_listed_hosts(String url) {
    assertEquals(Optional.of(url), returnUrls.permitted(url));
  }

  @Test
  void hands_out_non_ascii_paths_percent_encoded() {
    assertEquals(Optional.of("https://www.example.de/sch%C3%B6n"), returnUrls.permitted("https://www.example.de/schön"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://evil.example/danke",
      "https://www.example.de.evil.example/",
      "https://evilexample.de/",
      "https://www.example.de@evil.example/",
      "https://user:pass@www.example.de/",
      "https://evil.example\\@www.example.de/",
      "https://www.example.de\\@evil.example/",
      "https:\\\\evil.example",
      "//evil.example/danke",
      "///evil.example",
      "/\\evil.example",
      "/danke",
      "danke",
      "http://www.example.de/danke",
      "javascript:alert(document.domain)//www.example.de",
      "data:text/html,<script>alert(1)</script>",
      "ftp://www.example.de/",
      "https://www.example.de/\r\nSet-Cookie: a=b",
      "https://www.example.de/%0d%0a x",
      " https://www.example.de/",
      "https://%65vil.example/",
      "https:evil.example",
      "https://www.example.de%2F@evil.example/",
      ""})
  void refuses_open_redirect_attempts(String url) {
    assertEquals(Optional.empty(), returnUrls.permitted(url));
  }

  @Test
  void permits_http_only_when_configured() {
    ReturnUrls withHttp = ReturnUrls.read(TestConfig.section("crm.settings.webToLead",
        Map.of("returnHosts", List.of("WWW.Example.DE"), "allowHttpReturn", true)), "returnHosts", "allowHttpReturn");

    assertEquals(Optional.of("http://www.example.de/danke"), withHttp.permitted("http://www.example.de/danke"));
    assertEquals(Optional.empty(), withHttp.permitted("javascript://www.example.de/%0aalert(1)"));
  }

  @Test
  void refuses_a_listed_host_with_scheme_or_path_naming_its_place_in_the_list() {
    ConfigException error = assertThrows(ConfigException.class, () -> ReturnUrls.read(
        TestConfig.section("crm.settings.webToLead", Map.of("returnHosts", List.of("example.de", "https://x.de/"))),
        "returnHosts", "allowHttpReturn"));

    assertEquals("crm.settings.webToLead.returnHosts[1]", error.key());
  }
}
