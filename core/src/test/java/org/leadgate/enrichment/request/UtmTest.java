package org.leadgate.enrichment.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UtmTest {

  @Test
  void the_posted_values_win_over_the_page_url_as_a_whole() {
    Map<String, List<String>> posted = Map.of("utm_source", List.of("newsletter"), "utm_medium", List.of("email"),
        "email", List.of("jane@acme.de"));

    Map<String, String> utm =
        Utm.from(posted, Optional.of("https://acme.de/demo?utm_source=google&utm_campaign=spring"));

    assertEquals(Map.of("source", "newsletter", "medium", "email"), utm);
  }

  @Test
  void without_posted_values_the_page_url_query_gives_them_decoded() {
    Map<String, String> utm = Utm.from(Map.of(), Optional.of("https://acme.de/demo?utm_source=google"
        + "&utm_medium=cpc&utm_campaign=Spring%20Sale&utm_term=crm+software&utm_content=gr%C3%BCn&x=1#form"));

    assertEquals(Map.of("source", "google", "medium", "cpc", "campaign", "Spring Sale", "term", "crm software",
        "content", "grün"), utm);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', nullValues = "none", value = {
      "https://acme.de/demo; none",
      "https://acme.de/demo?; none",
      "https://acme.de/demo#utm_source=google; none",
      "https://acme.de/demo?x=1#utm_source=google; none",
      "https://acme.de/demo?utm_source=; none",
      "https://acme.de/demo?utm_source; none",
      "https://acme.de/demo?UTM_SOURCE=google; none",
      "https://acme.de/demo?utm_source=a&utm_source=b; a",
      "https://acme.de/demo?utm_source=%20%20google%20; google",
      "https://acme.de/demo?utm_source=%E0%A4%A&utm_source=google; google",
      "https://acme.de/demo?utm_source=100%; none",
      "https://acme.de/demo?utm%5Fsource=google; google",
      "https://acme.de/demo?a=1&&utm_source=google&; google",
  })
  void the_source_from_a_page_url(String pageUrl, String source) {
    Map<String, String> utm = Utm.from(Map.of(), Optional.of(pageUrl));

    assertEquals(Optional.ofNullable(source), Optional.ofNullable(utm.get("source")));
  }

  @Test
  void posted_values_are_trimmed_and_blank_ones_left_out() {
    Map<String, List<String>> posted = Map.of("utm_source", List.of("  ", " google "), "utm_medium", List.of(" "));

    assertEquals(Map.of("source", "google"), Utm.from(posted, Optional.empty()));
  }

  @Test
  void only_blank_posted_values_fall_back_to_the_page_url() {
    Map<String, List<String>> posted = Map.of("utm_source", List.of(""));

    assertEquals(Map.of("source", "google"),
        Utm.from(posted, Optional.of("https://acme.de/?utm_source=google")));
  }

  @Test
  void a_value_is_capped_at_200_characters_without_splitting_a_character() {
    String emoji = "\uD83D\uDE00";
    Map<String, List<String>> posted = Map.of("utm_campaign", List.of("c".repeat(300)),
        "utm_term", List.of("t".repeat(199) + emoji));

    Map<String, String> utm = Utm.from(posted, Optional.empty());

    assertEquals("c".repeat(200), utm.get("campaign"));
    assertEquals("t".repeat(199), utm.get("term"));
  }

  @Test
  void nothing_posted_and_no_page_gives_nothing() {
    assertEquals(Map.of(), Utm.from(Map.of(), Optional.empty()));
  }
}
