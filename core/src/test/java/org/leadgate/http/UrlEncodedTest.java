package org.leadgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlEncodedTest {
  @Test
  void parameters_are_decoded_in_order_with_repeated_names_kept_together() {
    Map<String, List<String>> values = UrlEncoded.decode("b=2&a=x+y&b=%C3%BC&flag&&c=", StandardCharsets.UTF_8);

    assertEquals(List.of("b", "a", "flag", "c"), List.copyOf(values.keySet()));
    assertEquals(List.of("2", "ü"), values.get("b"));
    assertEquals(List.of("x y"), values.get("a"));
    assertEquals(List.of(""), values.get("flag"));
    assertEquals(List.of(""), values.get("c"));
  }

  @Test
  void the_charset_decides_how_escapes_are_read() {
    assertEquals(List.of("München"), UrlEncoded.decode("city=M%FCnchen", StandardCharsets.ISO_8859_1).get("city"));
  }

  @Test
  void a_broken_escape_refuses_the_whole_text_or_only_its_parameter() {
    assertThrows(IllegalArgumentException.class, () -> UrlEncoded.decode("a=1&b=%zz", StandardCharsets.UTF_8));
    assertEquals(Map.of("a", List.of("1")), UrlEncoded.decodeReadable("a=1&b=%zz", StandardCharsets.UTF_8));
  }
}
