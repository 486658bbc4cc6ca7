package org.leadgate.consent.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadgate.config.GatewayConfig;
import org.leadgate.consent.Channel;
import org.leadgate.consent.Subject;
import org.leadgate.pipeline.FieldProblem;

class ParametersTest {
  private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
  private static GatewayConfig config;

  @TempDir
  static Path directory;

  @BeforeAll
  static void configure() throws Exception {
    config = ComplianceFixture.config(directory);
  }

  private static Map<String, String[]> query(String... pairs) {
    Map<String, String[]> query = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      query.put(pairs[i], new String[] {pairs[i + 1]});
    }
    return query;
  }

  @SuppressWarnings("unchecked")
  private static <T> T valid(Parsed<T> parsed) {
    return ((Parsed.Valid<T>) assertInstanceOf(Parsed.Valid.class, parsed)).value();
  }

  private static Parameters.ConsentExport valid(Map<String, String[]> query) {
    return valid(Parameters.consentExport(query, config, NOW));
  }

  private static List<FieldProblem> problems(Map<String, String[]> query) {
    return assertInstanceOf(Parsed.Invalid.class, Parameters.consentExport(query, config, NOW)).problems();
  }

  @Test
  void withoutParametersEverythingUntilOneSecondFromNowIsExportedAsJson() {
    Parameters.ConsentExport export = valid(query());

    assertEquals(ExportFilter.until(NOW.plusSeconds(1)), export.filter());
    assertEquals(ExportFormat.JSON, export.format());
  }

  @Test
  void everyFilterIsReadFromItsParameter() {
    Parameters.ConsentExport export = valid(query("from", "2026-01-01", "to", "2026-01-05T10:00:00+01:00",
        "channel", "email", "purpose", "newsletter", "form", "event", "format", "csv"));

    assertEquals(new ExportFilter(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-05T09:00:00Z"),
        Optional.of(Channel.EMAIL), Optional.of("newsletter"), Optional.of("event")), export.filter());
    assertEquals(ExportFormat.CSV, export.format());
    assertEquals("from=2026-01-01T00:00:00Z to=2026-01-05T09:00:00Z channel=email purpose=newsletter form=event",
        export.filter().describe());
  }

  @Test
  void anOffsetWhosePlusArrivedAsASpaceIsStillUnderstood() {
    assertEquals(Instant.parse("2026-01-05T08:00:00Z"),
        valid(query("from", "2026-01-05T09:00:00 01:00")).filter().from());
  }

  @ParameterizedTest(name = "{0}={1} is refused naming {0}")
  @CsvSource(delimiter = '|', value = {
      "from|yesterday", "to|2026-13-01", "from|2026-01-06", "channel|fax", "purpose|sweepstakes", "form|landing",
      "format|xlsx", "purpse|newsletter"})
  void aBadFilterIsRefusedNamingItsParameter(String name, String value) {
    assertEquals(List.of(name), problems(query(name, value)).stream().map(FieldProblem::field).toList());
  }

  @Test
  void aValueOverTwoHundredCharactersIsRefused() {
    List<FieldProblem> problems = problems(query("purpose", "x".repeat(201)));

    assertEquals(List.of(new FieldProblem("purpose", "is longer than 200 characters")), problems);
  }

  @Test
  void aRepeatedParameterIsRefused() {
    List<FieldProblem> problems = problems(Map.of("channel", new String[] {"email", "phone"}));

    assertEquals(List.of(new FieldProblem("channel", "is given more than once")), problems);
  }

  @Test
  void everyBadParameterIsNamedAtOnce() {
    assertEquals(List.of("channel", "form", "format"), problems(query("channel", "fax", "form", "nope", "format",
        "pdf")).stream().map(FieldProblem::field).toList());
  }

  @Test
  void aPersonIsNamedByExactlyOneOfEmailAndPhone() {
    assertEquals(Subject.email("ada@example.de"),
        valid(Parameters.subject(query("email", " Ada@Example.de "), Set.of())).subject());
    Parameters.SubjectQuery byPhone = valid(Parameters.subject(query("phone", "+49 30 1234567", "format", "html"),
        Set.of("json", "html")));
    assertEquals(Subject.phone("+49 30 1234567"), byPhone.subject());
    assertEquals(Optional.of("html"), byPhone.format());
    assertInstanceOf(Parsed.Invalid.class, Parameters.subject(query(), Set.of()));
    assertInstanceOf(Parsed.Invalid.class, Parameters.subject(query("email", "a@b.de", "phone", "+4930123456"),
        Set.of()));
    assertInstanceOf(Parsed.Invalid.class, Parameters.subject(query("email", "not-an-address"), Set.of()));
    assertInstanceOf(Parsed.Invalid.class, Parameters.subject(query("email", "a@b.de", "format", "pdf"),
        Set.of("json", "html")));
    assertInstanceOf(Parsed.Invalid.class, Parameters.subject(query("email", "a@b.de", "format", "html"), Set.of()));
  }

  @Test
  void theAuditRangeDefaultsToEverythingUntilNow() {
    assertEquals(new Parameters.TimeRange(Instant.EPOCH, NOW.plusSeconds(1)),
        valid(Parameters.timeRange(query(), NOW)));
    assertInstanceOf(Parsed.Invalid.class, Parameters.timeRange(query("to", "soon"), NOW));
    assertInstanceOf(Parsed.Invalid.class, Parameters.timeRange(query("channel", "email"), NOW));
  }
}
