package org.leadgate.consent.compliance;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes RFC 4180 CSV (comma-separated, CRLF line ends, fields with commas, quotes or line breaks in double quotes)
 * in UTF-8, safe to open in a spreadsheet: a cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a
 * tab or a carriage return would be taken for a formula (CSV injection, OWASP), so it is prefixed with {@code '}
 * and shows as text.
 */
public final class CsvWriter implements AutoCloseable {
  private final Writer out;

  public CsvWriter(OutputStream out) {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 8192);
  }

  /** One record; {@code null} is written as an empty cell. */
  public void row(List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(cell(cells.get(i)));
    }
    out.write("\r\n");
  }

  /** A cell as written: neutralised if it could start a formula, quoted if it needs to be. */
  public static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String text = startsFormula(value) ? "'" + value : value;
    boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0;
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  /** Whether a spreadsheet would read the value as a formula (or a formula after a control character). */
  static boolean startsFormula(String value) {
    if (value.isEmpty()) {
      return false;
    }
    return switch (value.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> true;
      default -> false;
    };
  }

  public void flush() throws IOException {
    out.flush();
  }

  /** Flushes; the underlying stream stays open (it belongs to the caller). */
  @Override
  public void close() throws IOException {
    out.flush();
  }
}
