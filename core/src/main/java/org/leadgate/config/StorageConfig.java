package org.leadgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where leads are stored.
 *
 * @param jdbcUrl {@code jdbc:sqlite:...} (the embedded default) or {@code jdbc:postgresql://...}
 * @param busyTimeout how long a write waits for a locked database before the request is answered 503
 */
public record StorageConfig(
    String jdbcUrl, Optional<String> user, Optional<String> password, int poolSize, Duration busyTimeout) {

  public boolean isSqlite() {
    return jdbcUrl.startsWith("jdbc:sqlite:");
  }

  static StorageConfig from(ConfigNode node, Path dataDirectory) {
    node.allowOnly("url", "user", "password", "poolSize", "busyTimeout");
    String url = node.string("url", "jdbc:sqlite:" + dataDirectory.resolve("leadgate.db"));
    if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
      throw node.error("url", "unsupported database '" + url.replaceAll("//[^/]*@", "//***@")
          + "'; use jdbc:sqlite:<file> or jdbc:postgresql://<host>/<database>");
    }
    return new StorageConfig(
        url,
        node.optionalString("user"),
        node.optionalString("password"),
        node.integer("poolSize", 8, 1, 200),
        node.duration("busyTimeout", Duration.ofSeconds(5)));
  }
}
