package org.leadgate.enrichment;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.leadgate.config.ConfigNode;

/**
 * What a provider factory is given.
 *
 * @param name the provider's configured name (unique among providers)
 * @param settings its {@code settings} section
 * @param dataDirectory the gateway's directory for local files (relative database paths resolve against it)
 * @param clock the gateway's clock
 * @param http the gateway's shared HTTP client; derive per-provider clients with {@code http.newBuilder()} so they
 *     share its connection pool and dispatcher
 */
public record EnrichmentContext(String name, ConfigNode settings, Path dataDirectory, Clock clock,
    OkHttpClient http) {
  public EnrichmentContext {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(http, "http");
  }
}
