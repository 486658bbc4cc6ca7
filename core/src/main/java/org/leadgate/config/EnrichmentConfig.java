package org.leadgate.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.enrichment.EnrichmentFields;

/**
 * Enrichment after the durable accept.
 *
 * @param timeBudget how long one lead's waterfall may take in all
 * @param concurrency how many leads are enriched at once (and OkHttp's per-host limit)
 * @param acceptFields the waterfall stops once the lead has all of these (empty: it asks every provider)
 * @param ipv4Prefix the stored client IPv4 address is cut to this many bits once looked up
 * @param ipv6Prefix the same for IPv6
 * @param reEnrichEvery how often leads with gaps (a provider was down, open or out of budget) are tried again
 * @param giveUpAfter gaps older than this are left alone
 * @param providers the providers in waterfall order
 */
public record EnrichmentConfig(
    Duration timeBudget,
    int concurrency,
    List<String> acceptFields,
    int ipv4Prefix,
    int ipv6Prefix,
    Duration reEnrichEvery,
    Duration giveUpAfter,
    List<Provider> providers) {

  public EnrichmentConfig {
    acceptFields = List.copyOf(acceptFields);
    providers = List.copyOf(providers);
  }

  /** No providers: leads keep what was typed plus request metadata. */
  public static final EnrichmentConfig NONE = from(new ConfigNode(null, "enrichment"));

  /**
   * One provider entry: its unique {@code name}, its factory {@code type}, and the whole entry (policy keys such as
   * {@code timeout}, {@code cache}, {@code budget}, and the provider's own {@code settings}).
   */
  public record Provider(String name, String type, ConfigNode node) {}

  public Optional<Provider> provider(String name) {
    return providers.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  static EnrichmentConfig from(ConfigNode node) {
    node.allowOnly("timeBudget", "concurrency", "accept", "ipTruncation", "reEnrich", "providers");
    ConfigNode accept = node.section("accept").allowOnly("fields");
    List<String> acceptFields = accept.stringList("fields");
    for (int i = 0; i < acceptFields.size(); i++) {
      if (!EnrichmentFields.ALL.contains(acceptFields.get(i))) {
        throw new ConfigException(accept.keyPath("fields") + "[" + i + "]",
            "unknown enrichment field '" + acceptFields.get(i) + "'; known: " + String.join(", ",
                EnrichmentFields.ALL.stream().sorted().toList()));
      }
    }
    ConfigNode truncation = node.section("ipTruncation").allowOnly("ipv4Prefix", "ipv6Prefix");
    ConfigNode reEnrich = node.section("reEnrich").allowOnly("every", "giveUpAfter");
    List<ConfigNode> providerNodes = node.list("providers");
    Map<String, Integer> seen = new HashMap<>();
    List<Provider> providers = new java.util.ArrayList<>();
    for (int i = 0; i < providerNodes.size(); i++) {
      ConfigNode entry = providerNodes.get(i);
      String type = entry.string("type");
      String name = entry.string("name", type);
      Integer first = seen.putIfAbsent(name, i);
      if (first != null) {
        throw entry.error("name", "provider name '" + name + "' is already used by enrichment.providers[" + first
            + "]; give each entry its own name");
      }
      providers.add(new Provider(name, type, entry));
    }
    return new EnrichmentConfig(
        node.duration("timeBudget", Duration.ofSeconds(3)),
        node.integer("concurrency", 16, 1, 256),
        acceptFields,
        truncation.integer("ipv4Prefix", 24, 0, 32),
        truncation.integer("ipv6Prefix", 48, 0, 128),
        reEnrich.duration("every", Duration.ofMinutes(15)),
        reEnrich.duration("giveUpAfter", Duration.ofDays(7)),
        providers);
  }
}
