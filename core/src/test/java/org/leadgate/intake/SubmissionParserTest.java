package org.leadgate.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmissionParserTest {
  private static final String URLENCODED = "application/x-www-form-urlencoded";
  private static final String BOUNDARY = "----LeadGateBoundary7MA4YWxkTrZu0gW";

  private final SubmissionParser parser = new SubmissionParser();

  private Map<String, List<String>> values(String contentType, String body) {
    return values(contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private Map<String, List<String>> values(String contentType, byte[] body) {
    ParsedBody parsed = parser.parse(contentType, body);
    return assertInstanceOf(ParsedBody.Values.class, parsed, () -> "parsed as " + parsed).values();
  }

  private String malformed(String contentType, String body) {
    return malformed(contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private String malformed(String contentType, byte[] body) {
    ParsedBody parsed = parser.parse(contentType, body);
    return assertInstanceOf(ParsedBody.Malformed.class, parsed, () -> "parsed as " + parsed).reason();
  }

  private static String multipart(String... parts) {
    StringBuilder body = new StringBuilder();
    for (String part : parts) {
      body.append("--").append(BOUNDARY).append("\r\n").append(part).append("\r\n");
    }
    return body.append("--").append(BOUNDARY).append("--\r\n").toString();
  }

  private static String textPart(String name, String value) {
    return "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value;
  }

  private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

  // --- urlencoded -------------------------------------------------------------------------------------------------

  @Test
  void urlencodedBodyKeepsRepeatedFieldsInOrderAndDecodesPlusAndPercentEscapes() {
    String body = "name=J%C3%BCrgen+M%C3%BCller&interest=crm&interest=erp&email=j%40example.de";

    ParsedBody.Values parsed = assertInstanceOf(ParsedBody.Values.class, parser.parse(URLENCODED,
        body.getBytes(StandardCharsets.UTF_8)));

    assertEquals(List.of("Jürgen Müller"), parsed.values().get("name"));
    assertEquals(List.of("crm", "erp"), parsed.values().get("interest"));
    assertEquals(List.of("j@example.de"), parsed.values().get("email"));
    assertEquals(body, parsed.text(), "the raw body is kept as evidence");
  }

  @Test
  void urlencodedFieldWithoutEqualsSignOrValueIsEmpty() {
    Map<String, List<String>> values = values(URLENCODED + "; charset=UTF-8", "a&b=&&c=1");

    assertEquals(List.of(""), values.get("a"));
    assertEquals(List.of(""), values.get("b"));
    assertEquals(List.of("1"), values.get("c"));
    assertEquals(3, values.size());
  }

  @Test
  void brokenPercentEscapeIsMalformed() {
    String reason = malformed(URLENCODED, "name=%zz");

    assertTrue(reason.contains("%"), reason);
  }

  @Test
  void percentEscapeThatIsNotUtf8IsMalformed() {
    malformed(URLENCODED, "name=M%FCller");
  }

  // --- multipart --------------------------------------------------------------------------------------------------

  @Test
  void multipartTextPartsAreReadAsUtf8() {
    String body = multipart(
        textPart("name", "Jürgen Müller"),
        textPart("interest", "crm"),
        textPart("interest", "erp"),
        textPart("message", "Grüße\r\naus Köln"));

    Map<String, List<String>> values = values(MULTIPART, body);

    assertEquals(List.of("Jürgen Müller"), values.get("name"));
    assertEquals(List.of("crm", "erp"), values.get("interest"));
    assertEquals(List.of("Grüße\r\naus Köln"), values.get("message"));
  }

  @Test
  void multipartFileUploadIsMalformedNamingTheField() {
    String body = multipart(
        textPart("name", "Ada"),
        "Content-Disposition: form-data; name=\"cv\"; filename=\"cv.pdf\"\r\n"
            + "Content-Type: application/pdf\r\n\r\n%PDF-1.4");

    String reason = malformed(MULTIPART, body);

    assertTrue(reason.contains("'cv'"), reason);
  }

  @Test
  void multipartPartWithoutFieldNameIsMalformed() {
    String body = multipart("Content-Disposition: form-data\r\n\r\nvalue");

    String reason = malformed(MULTIPART, body);

    assertTrue(reason.contains("part 1"), reason);
  }

  @Test
  void multipartBodyWithoutItsDeclaredBoundaryIsMalformed() {
    malformed("multipart/form-data; boundary=other-boundary", multipart(textPart("name", "Ada")));
  }

  // --- JSON -------------------------------------------------------------------------------------------------------

  @Test
  void jsonObjectOfScalarsAndListsBecomesTextValues() {
    Map<String, List<String>> values = values("application/json", """
        {"name": "Jürgen", "employees": 42, "revenue": 1.5, "newsletter": true,
         "interest": ["crm", "erp"], "fax": null}
        """);

    assertEquals(List.of("Jürgen"), values.get("name"));
    assertEquals(List.of("42"), values.get("employees"));
    assertEquals(List.of("1.5"), values.get("revenue"));
    assertEquals(List.of("true"), values.get("newsletter"));
    assertEquals(List.of("crm", "erp"), values.get("interest"));
    assertEquals(List.of(), values.get("fax"));
  }

  @Test
  void jsonWithANestedObjectIsMalformedNamingTheField() {
    String reason = malformed("application/json", "{\"name\": \"Ada\", \"address\": {\"city\": \"Köln\"}}");

    assertTrue(reason.contains("'address'"), reason);
  }

  @Test
  void jsonWithANestedListIsMalformedNamingTheField() {
    String reason = malformed("application/json", "{\"tags\": [[\"a\"]]}");

    assertTrue(reason.contains("'tags'"), reason);
  }

  @Test
  void jsonArrayAtTheRootIsMalformed() {
    malformed("application/json", "[{\"name\": \"Ada\"}]");
  }

  @Test
  void invalidJsonIsMalformed() {
    String reason = malformed("application/json; charset=utf-8", "{\"name\": ");

    assertTrue(reason.contains("JSON"), reason);
  }

  @Test
  void emptyJsonBodyIsMalformed() {
    malformed("application/json", "");
  }

  // --- encodings and content types --------------------------------------------------------------------------------

  @Test
  void bodyThatIsNotUtf8IsMalformed() {
    byte[] latin1 = "name=Müller".getBytes(StandardCharsets.ISO_8859_1);

    String reason = malformed(URLENCODED, latin1);

    assertTrue(reason.contains("UTF-8"), reason);
  }

  @Test
  void jsonBodyWithInvalidUtf8BytesIsMalformed() {
    byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    malformed("application/json", body);
  }

  @Test
  void plainTextIsUnsupported() {
    ParsedBody parsed = parser.parse("text/plain", "name=Ada".getBytes(StandardCharsets.UTF_8));

    assertEquals(new ParsedBody.Unsupported("text/plain"), parsed);
  }

  @Test
  void charsetOtherThanUtf8IsUnsupported() {
    ParsedBody parsed = parser.parse(URLENCODED + "; charset=iso-8859-1",
        "name=Ada".getBytes(StandardCharsets.UTF_8));

    ParsedBody.Unsupported unsupported = assertInstanceOf(ParsedBody.Unsupported.class, parsed);
    assertTrue(unsupported.contentType().contains("iso-8859-1"), unsupported.contentType());
  }

  @Test
  void missingContentTypeIsUnsupported() {
    assertInstanceOf(ParsedBody.Unsupported.class, parser.parse(null, "name=Ada".getBytes(StandardCharsets.UTF_8)));
    assertInstanceOf(ParsedBody.Unsupported.class, parser.parse("", "name=Ada".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void contentTypeIsMatchedRegardlessOfCase() {
    assertEquals(List.of("Ada"), values("Application/X-WWW-Form-URLEncoded", "name=Ada").get("name"));
  }
}
