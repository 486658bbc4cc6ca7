package org.leadgate.consent.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvWriterTest {
  private static String write(List<String>... rows) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvWriter csv = new CsvWriter(out)) {
      for (List<String> row : rows) {
        csv.row(row);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void recordsEndWithCrLfAndOnlyFieldsThatNeedItAreQuoted() throws Exception {
    String csv = write(List.of("seq", "time"), Arrays.asList("1", null, "a,b", "say \"hi\"", "two\nlines", "ä"));

    assertEquals("seq,time\r\n1,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",ä\r\n", csv);
    assertEquals(List.of(List.of("seq", "time"), List.of("1", "", "a,b", "say \"hi\"", "two\nlines", "ä")),
        Rfc4180.parse(csv));
  }

  @ParameterizedTest(name = "a cell starting with {0} is shown as text")
  @ValueSource(strings = {"=HYPERLINK(\"http://evil.example\",\"click\")", "=cmd|' /C calc'!A0", "+49 30 1234567",
      "-2+3", "@SUM(A1:A2)", "\tcmd", "\r=1+1"})
  void aCellThatASpreadsheetWouldTakeForAFormulaIsPrefixedWithAQuote(String value) throws Exception {
    List<List<String>> parsed = Rfc4180.parse(write(List.of(value, "plain")));

    assertEquals(List.of("'" + value, "plain"), parsed.get(0));
  }

  @Test
  void formulaCharactersInsideACellAreLeftAlone() {
    assertEquals("a=b", CsvWriter.cell("a=b"));
    assertEquals("Mozilla/5.0 (X11; Linux x86_64) +https://example.de", CsvWriter.cell(
        "Mozilla/5.0 (X11; Linux x86_64) +https://example.de"));
    assertEquals("\"'=1,2\"", CsvWriter.cell("=1,2"), "neutralised, then quoted for the comma");
    assertEquals("", CsvWriter.cell(""));
    assertEquals("", CsvWriter.cell(null));
  }
}
