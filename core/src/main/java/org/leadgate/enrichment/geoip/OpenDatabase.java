package org.leadgate.enrichment.geoip;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import com.maxmind.db.Reader.FileMode;
import com.maxmind.geoip2.DatabaseReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One version of the database file, memory-mapped, with the kind its metadata names: read through the geoip2
 * library's {@code reader} and, for City and Enterprise records, straight through the MaxMind DB {@code records}
 * reader into {@link LocationRecord}s.
 */
record OpenDatabase(DatabaseReader reader, Reader records, DatabaseKind kind, FileStamp stamp) {

  /**
   * Maps {@code file}, whose version is {@code stamp}.
   *
   * @throws IOException when it is not a MaxMind database of a kind this provider reads; the message says why
   */
  static OpenDatabase open(Path file, FileStamp stamp) throws IOException {
    DatabaseReader reader;
    Reader records;
    try {
      reader = new DatabaseReader.Builder(file.toFile()).fileMode(FileMode.MEMORY_MAPPED)
          .withCache(new CHMCache()).locales(List.of("en")).build();
    } catch (RuntimeException e) {
      throw new IOException("not a readable MaxMind database: " + e.getMessage(), e);
    }
    String type = reader.metadata().databaseType();
    DatabaseKind kind = DatabaseKind.of(type).orElse(null);
    if (kind == null) {
      reader.close();
      throw new IOException("database type '" + type + "' is none of City, Country, ASN, ISP, Enterprise");
    }
    try {
      records = new Reader(file.toFile(), FileMode.MEMORY_MAPPED, new CHMCache());
    } catch (IOException | RuntimeException e) {
      reader.close();
      throw new IOException("not a readable MaxMind database: " + e.getMessage(), e);
    }
    return new OpenDatabase(reader, records, kind, stamp);
  }

  String databaseType() {
    return reader.metadata().databaseType();
  }

  String buildDate() {
    return reader.metadata().buildTime().toString();
  }

  void close() throws IOException {
    try {
      reader.close();
    } finally {
      records.close();
    }
  }
}
