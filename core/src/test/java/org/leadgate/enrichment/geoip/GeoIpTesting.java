package org.leadgate.enrichment.geoip;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import okhttp3.OkHttpClient;
import org.leadgate.config.ConfigNode;
import org.leadgate.enrichment.EnrichmentContext;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.lead.Lead;

/** What the GeoIP provider tests share: a provider context, a lead's input and the values of a result. */
final class GeoIpTesting {
  static final String SETTINGS_PATH = "enrichment.providers[0].settings";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient HTTP = new OkHttpClient();

  private GeoIpTesting() {}

  /** A context named {@code geoip} whose settings are the JSON object {@code settingsJson}. */
  static EnrichmentContext context(String settingsJson, Path dataDirectory, Clock clock) {
    try {
      return new EnrichmentContext("geoip", ConfigNode.of(JSON.readTree(settingsJson), SETTINGS_PATH), dataDirectory,
          clock, HTTP);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The input of a lead that came from {@code ip}. */
  static EnrichmentInput input(String ip) {
    try {
      Lead lead = new Lead("lead-1", "contact", Instant.parse("2026-01-05T09:00:00Z"), Map.of());
      return new EnrichmentInput(lead, Optional.of(InetAddress.getByName(ip)), Optional.empty(), Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asks {@code provider} for the lead that came from {@code ip}, as the gateway does. */
  static ProviderResult lookup(EnrichmentProvider provider, String ip) {
    return provider.lookup(provider.query(input(ip)).orElseThrow(), Duration.ofSeconds(5));
  }

  /** The found fields' values, sorted by name. */
  static Map<String, String> values(ProviderResult result) {
    Map<String, String> values = new TreeMap<>();
    assertInstanceOf(ProviderResult.Found.class, result).fields().forEach((k, v) -> values.put(k, v.value()));
    return values;
  }

  /** The found fields' confidences, sorted by name. */
  static Map<String, Double> confidences(ProviderResult result) {
    Map<String, Double> confidences = new TreeMap<>();
    assertInstanceOf(ProviderResult.Found.class, result).fields()
        .forEach((k, v) -> confidences.put(k, v.confidence()));
    return confidences;
  }

  /** What {@code action} wrote to standard error, where the tests' slf4j-simple logs. */
  static String stderrOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
