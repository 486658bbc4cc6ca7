package org.leadgate.crm.salesforce.bulk;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV as Bulk API 2.0 reads and writes it: comma-separated, LF line endings, double-quoted fields. */
final class Csv {
  private Csv() {}

  static String write(List<List<String>> rows) {
    StringBuilder csv = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          csv.append(',');
        }
        csv.append('"').append(row.get(i).replace("\"", "\"\"")).append('"');
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  /** The rows of a CSV text, quoted fields may hold commas, quotes and line breaks; CRLF counts as LF. */
  static List<List<String>> read(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
