package org.leadgate.enrichment.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadgate.enrichment.EnrichedValue;
import org.leadgate.enrichment.EnrichmentFields;

class RequestMetadataTest {
  private static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
      + "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
  private static final String SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) "
      + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
  private static final String FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 "
      + "Firefox/121.0";

  private static RequestMetadata metadata;

  @BeforeAll
  static void loadUserAgentRules() {
    metadata = new RequestMetadata();
  }

  private static Map<String, String> fields(RequestData data) {
    Map<String, String> values = new LinkedHashMap<>();
    metadata.fields(data).forEach((field, value) -> {
      assertEquals(1.0, value.confidence());
      values.put(field, value.value());
    });
    return values;
  }

  private static Optional<String> field(RequestData data, String field) {
    return Optional.ofNullable(fields(data).get(field));
  }

  private static RequestData language(String acceptLanguage) {
    return new RequestData(Optional.empty(), Optional.of(acceptLanguage), Optional.empty(), Map.of());
  }

  private static RequestData userAgent(String userAgent) {
    return new RequestData(Optional.of(userAgent), Optional.empty(), Optional.empty(), Map.of());
  }

  private static RequestData referrer(String referrer) {
    return new RequestData(Optional.empty(), Optional.empty(), Optional.of(referrer), Map.of());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "de-DE,de;q=0.9,en;q=0.8 | de-DE",
      "en;q=0.5, fr-CH, de;q=0.7 | fr-CH",
      "de;q=0.7, en-us;q=0.8 | en-US",
      "de-de | de-DE",
      "zh-hant-tw, en;q=0.5 | zh-Hant-TW",
      "*;q=1, de;q=0.5 | de",
      "de-*, en;q=0.9 | en",
      "de;q=0, en;q=0.1 | en",
      "* | none",
      "de;q=0 | none",
      "de;q=2 | none",
      "de;q=abc | none",
      "de-DE;;en | none",
      "'' | none",
      "ä-DE | none",
  })
  void the_language_is_the_most_preferred_range_of_accept_language(String header, String language) {
    assertEquals(Optional.ofNullable(language), field(language(header), EnrichmentFields.LANGUAGE));
  }

  @Test
  void an_accept_language_longer_than_256_characters_is_ignored() {
    String longest = "de-DE" + ",en;q=0.5".repeat(27) + " ".repeat(8);
    assertEquals(256, longest.length());

    assertEquals(Optional.of("de-DE"), field(language(longest), EnrichmentFields.LANGUAGE));
    assertEquals(Optional.empty(), field(language(longest + " "), EnrichmentFields.LANGUAGE));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      CHROME_ON_WINDOWS + " | Chrome 120 | Windows | none",
      SAFARI_ON_IPHONE + " | Mobile Safari 17 | iOS | iPhone",
      FIREFOX_ON_LINUX + " | Firefox 121 | Linux | none",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 "
          + "Safari/605.1.15 | Safari 17 | Mac OS X | Mac",
      "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 "
          + "Mobile Safari/537.36 | Chrome Mobile 120 | Android | Samsung SM-S918B",
      "something unknown | none | none | none",
  })
  void browser_os_and_device_come_from_the_user_agent(String userAgent, String browser, String os, String device) {
    Map<String, String> expected = new LinkedHashMap<>();
    Optional.ofNullable(browser).ifPresent(b -> expected.put(EnrichmentFields.BROWSER, b));
    Optional.ofNullable(os).ifPresent(o -> expected.put(EnrichmentFields.OS, o));
    Optional.ofNullable(device).ifPresent(d -> expected.put(EnrichmentFields.DEVICE, d));

    assertEquals(expected, fields(userAgent(userAgent)));
  }

  @Test
  void a_user_agent_longer_than_1024_characters_is_ignored() {
    String longest = FIREFOX_ON_LINUX + " ".repeat(1024 - FIREFOX_ON_LINUX.length());

    assertEquals("Firefox 121", fields(userAgent(longest)).get(EnrichmentFields.BROWSER));
    assertEquals(Map.of(), fields(userAgent(longest + " ")));
  }

  @Test
  void parallel_requests_get_the_same_answers_as_single_ones() throws Exception {
    List<String> userAgents = List.of(CHROME_ON_WINDOWS, SAFARI_ON_IPHONE, FIREFOX_ON_LINUX);
    RequestMetadata fresh = new RequestMetadata();
    List<Callable<Map<String, EnrichedValue>>> tasks = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String userAgent = userAgents.get(i % 3) + (i % 50 == 0 ? "" : " x" + i % 7);
      tasks.add(() -> fresh.fields(userAgent(userAgent)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Map<String, EnrichedValue>>> answers = pool.invokeAll(tasks);
      for (int i = 0; i < answers.size(); i++) {
        String userAgent = userAgents.get(i % 3) + (i % 50 == 0 ? "" : " x" + i % 7);
        assertEquals(metadata.fields(userAgent(userAgent)), answers.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "https://www.google.com/search?q=jane+doe#top | https://www.google.com/search",
      "HTTPS://User:secret@Partner.Example.COM:8443/a/b;x=1?c=2 | https://partner.example.com/a/b;x=1",
      "https://acme.de | https://acme.de/",
      "https://acme.de?utm_source=x | https://acme.de/",
      "http://acme.de/caf%C3%A9/?id=7 | http://acme.de/caf%C3%A9/",
      "'  https://acme.de/blog  ' | https://acme.de/blog",
      "ftp://acme.de/file | none",
      "javascript:alert(1) | none",
      "android-app://com.google.android.gm/ | none",
      "/relative/path | none",
      "https:///no-host | none",
      "https://acme.de/a path | none",
      "'' | none",
  })
  void the_referrer_keeps_scheme_host_and_path_only(String referrer, String expected) {
    assertEquals(Optional.ofNullable(expected), field(referrer(referrer), EnrichmentFields.REFERRER));
  }

  @Test
  void a_referrer_longer_than_2048_characters_is_ignored() {
    String longest = "https://acme.de/" + "p".repeat(2048 - 16);

    assertEquals(Optional.of(longest), field(referrer(longest), EnrichmentFields.REFERRER));
    assertEquals(Optional.empty(), field(referrer(longest + "p"), EnrichmentFields.REFERRER));
  }

  @Test
  void the_campaign_parameters_become_utm_fields() {
    RequestData data = new RequestData(Optional.empty(), Optional.empty(), Optional.empty(), Map.of(
        "source", "google", "medium", "cpc", "campaign", "spring", "term", "crm", "content", "banner"));

    assertEquals(Map.of(EnrichmentFields.UTM_SOURCE, "google", EnrichmentFields.UTM_MEDIUM, "cpc",
        EnrichmentFields.UTM_CAMPAIGN, "spring", EnrichmentFields.UTM_TERM, "crm", EnrichmentFields.UTM_CONTENT,
        "banner"), fields(data));
  }

  @Test
  void a_full_request_gives_every_field() {
    RequestData data = new RequestData(Optional.of(CHROME_ON_WINDOWS), Optional.of("de-DE,de;q=0.9"),
        Optional.of("https://www.linkedin.com/feed/?trk=x"), Map.of("source", "linkedin"));

    assertEquals(Map.of(EnrichmentFields.LANGUAGE, "de-DE", EnrichmentFields.BROWSER, "Chrome 120",
        EnrichmentFields.OS, "Windows", EnrichmentFields.REFERRER, "https://www.linkedin.com/feed/",
        EnrichmentFields.UTM_SOURCE, "linkedin"), fields(data));
  }

  @Test
  void an_empty_request_gives_no_fields() {
    assertEquals(Map.of(),
        fields(new RequestData(Optional.empty(), Optional.empty(), Optional.empty(), Map.of())));
  }
}
