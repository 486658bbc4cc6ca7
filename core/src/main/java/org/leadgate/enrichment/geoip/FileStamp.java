package org.leadgate.enrichment.geoip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * Which version of a file is at a path: a different file moved into place (another file key), or the same one
 * rewritten (another modification time or size), gives a different stamp.
 */
record FileStamp(Object fileKey, FileTime lastModified, long size) {

  /** The stamp of the regular file at {@code path}, or empty when there is none (or it cannot be read). */
  static Optional<FileStamp> of(Path path) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return attributes.isRegularFile()
          ? Optional.of(new FileStamp(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size()))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
