package org.leadgate.enrichment.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.leadgate.config.ConfigNode;
import org.leadgate.enrichment.EnrichmentContext;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.EnrichmentProviderFactory;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.lead.Lead;

/** Builds HTTP providers from settings JSON, and inputs, the way the gateway does. */
final class HttpProviders {
  static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String SETTINGS = "enrichment.providers[0].settings";
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** One client for all tests, as the gateway has one; providers derive theirs from it. */
  private static final OkHttpClient HTTP = new OkHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpProviders() {}

  static ConfigNode settings(String json) {
    try {
      return ConfigNode.of(JSON.readTree(json), SETTINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad test settings: " + json, e);
    }
  }

  static EnrichmentProvider create(EnrichmentProviderFactory factory, String settingsJson) {
    return factory.create(new EnrichmentContext("test-provider", settings(settingsJson), Path.of("."), CLOCK, HTTP));
  }

  /** An input with the given parts; {@code null} leaves a part out. */
  static EnrichmentInput input(String domain, String ip, String companyName) {
    try {
      return new EnrichmentInput(new Lead("lead-1", "contact", NOW, Map.of()),
          ip == null ? Optional.empty() : Optional.of(InetAddress.getByName(ip)),
          Optional.ofNullable(domain), Optional.ofNullable(companyName));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + ip, e);
    }
  }

  /** Queries and looks the input up, which the provider must be able to query. */
  static ProviderResult lookUp(EnrichmentProvider provider, EnrichmentInput input, Duration timeout) {
    LookupQuery query = provider.query(input).orElseThrow(() -> new AssertionError("no query for the input"));
    return provider.lookup(query, timeout);
  }

  static ProviderResult lookUp(EnrichmentProvider provider, EnrichmentInput input) {
    return lookUp(provider, input, TIMEOUT);
  }
}
