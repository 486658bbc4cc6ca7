package org.leadgate.crm.salesforce.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * RFC 4180 CSV as Bulk API 2.0 reads and writes it (Jackson's CSV module): comma-separated, LF line endings, every
 * field double-quoted when written; quoted fields may hold commas, quotes and line breaks, CRLF counts as LF.
 */
final class Csv {
  private static final CsvMapper MAPPER = CsvMapper.builder()
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
      .enable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS)
      .build();
  private static final ObjectWriter WRITER = MAPPER.writer(CsvSchema.emptySchema().withLineSeparator("\n"));
  private static final ObjectReader READER = MAPPER.readerForListOf(String.class).with(CsvSchema.emptySchema());

  private Csv() {}

  static String write(List<List<String>> rows) {
    try {
      return WRITER.writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write CSV", e);
    }
  }

  /** The rows of a CSV text. */
  static List<List<String>> read(String text) {
    try {
      return READER.<List<String>>readValues(text).readAll();
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable CSV from Salesforce", e);
    }
  }
}
