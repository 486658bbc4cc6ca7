package org.leadgate.enrichment.geoip;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import com.maxmind.db.Reader.FileMode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One version of the database file, memory-mapped, with the kind its metadata names; its records are decoded
 * straight into {@link LocationRecord}s.
 */
record OpenDatabase(Reader records, DatabaseKind kind, FileStamp stamp) {

  /**
   * Maps {@code file}, whose version is {@code stamp}.
   *
   * @throws IOException when it is not a MaxMind database of a kind this provider reads; the message says why
   */
  static OpenDatabase open(Path file, FileStamp stamp) throws IOException {
    Reader records;
    try {
      records = new Reader(file.toFile(), FileMode.MEMORY_MAPPED, new CHMCache());
    } catch (IOException | RuntimeException e) {
      throw new IOException("not a readable MaxMind database: " + e.getMessage(), e);
    }
    String type = records.getMetadata().databaseType();
    DatabaseKind kind = DatabaseKind.of(type).orElse(null);
    if (kind == null) {
      records.close();
      throw new IOException("database type '" + type + "' is none of City, Country, ASN, ISP, Enterprise");
    }
    return new OpenDatabase(records, kind, stamp);
  }

  String databaseType() {
    return records.getMetadata().databaseType();
  }

  String buildDate() {
    return records.getMetadata().buildTime().toString();
  }

  void close() throws IOException {
    records.close();
  }
}
