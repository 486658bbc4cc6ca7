package org.leadgate.consent.compliance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a consent export is written. */
public enum ExportFormat {
  /** RFC 4180 with a header row, for spreadsheets; formula injection neutralised. */
  CSV("text/csv; charset=UTF-8", "csv"),
  /** One JSON array of objects. */
  JSON("application/json", "json"),
  /** One JSON object per line. */
  NDJSON("application/x-ndjson", "ndjson");

  private final String mediaType;
  private final String extension;

  ExportFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  public static Optional<ExportFormat> parse(String id) {
    return Arrays.stream(values()).filter(f -> f.id().equals(id)).findFirst();
  }
}
