package org.leadgate.consent.compliance;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Writes export rows one at a time in an {@link ExportFormat}, so an export of any size streams. */
interface ConsentRowWriter extends AutoCloseable {
  ObjectMapper JSON = new ObjectMapper();

  void row(ConsentRow row) throws IOException;

  /** Ends the document (closes a JSON array) and flushes; the stream stays open. */
  @Override
  void close() throws IOException;

  static ConsentRowWriter open(ExportFormat format, OutputStream out) throws IOException {
    return switch (format) {
      case CSV -> new Csv(out);
      case JSON -> new Json(out, true);
      case NDJSON -> new Json(out, false);
    };
  }

  /** RFC 4180 with a header row. */
  final class Csv implements ConsentRowWriter {
    private final CsvWriter csv;

    Csv(OutputStream out) throws IOException {
      csv = new CsvWriter(out);
      csv.row(ConsentRow.CSV_HEADER);
    }

    @Override
    public void row(ConsentRow row) throws IOException {
      csv.row(row.cells());
    }

    @Override
    public void close() throws IOException {
      csv.close();
    }
  }

  /** One array ({@code array}) or one object per line. */
  final class Json implements ConsentRowWriter {
    private final JsonGenerator json;
    private final boolean array;

    Json(OutputStream out, boolean array) throws IOException {
      this.array = array;
      json = JSON.getFactory().createGenerator(out);
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.setRootValueSeparator(null);
      if (array) {
        json.writeStartArray();
      }
    }

    @Override
    public void row(ConsentRow row) throws IOException {
      List<String> cells = row.cells();
      json.writeStartObject();
      json.writeNumberField("seq", row.seq());
      for (int i = 1; i < cells.size(); i++) {
        json.writeStringField(ConsentRow.JSON_NAMES.get(i), cells.get(i));
      }
      json.writeEndObject();
      if (!array) {
        json.writeRaw('\n');
      }
    }

    @Override
    public void close() throws IOException {
      if (array) {
        json.writeEndArray();
      }
      json.close();
    }
  }
}
