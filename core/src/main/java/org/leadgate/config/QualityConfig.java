package org.leadgate.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.leadgate.quality.EmailCheck;
import org.leadgate.quality.MxCheck;

/**
 * Data-quality checks of typed values.
 *
 * @param defaultRegion the ISO country whose phone numbering applies when neither the form's {@code country} nor the
 *     IP's country says otherwise
 * @param disposableDomains mail domains to treat as disposable on top of the built-in list
 * @param mxCheck whether (and how) mail domains are checked for a mail exchanger, in the background only
 */
public record QualityConfig(String defaultRegion, Set<String> disposableDomains, MxCheck.Settings mxCheck) {
  public QualityConfig {
    disposableDomains = Set.copyOf(disposableDomains);
  }

  static QualityConfig from(ConfigNode node) {
    node.allowOnly("defaultRegion", "disposableDomains", "mxCheck");
    String region = node.string("defaultRegion", "DE").toUpperCase(Locale.ROOT);
    if (!Set.of(Locale.getISOCountries()).contains(region)) {
      throw node.error("defaultRegion", "must be an ISO 3166-1 alpha-2 country code such as DE, but was '" + region
          + "'");
    }
    List<String> domains = node.stringList("disposableDomains");
    Set<String> lowerCase = new HashSet<>();
    domains.forEach(domain -> lowerCase.add(domain.toLowerCase(Locale.ROOT)));
    try {
      new EmailCheck(lowerCase);
    } catch (IllegalArgumentException e) {
      throw node.error("disposableDomains", e.getMessage());
    }
    return new QualityConfig(region, lowerCase, mxCheck(node.section("mxCheck")));
  }

  private static MxCheck.Settings mxCheck(ConfigNode node) {
    node.allowOnly("enabled", "timeout", "ttl", "negativeTtl", "maxEntries", "dnsServers");
    MxCheck.Settings defaults = MxCheck.Settings.DEFAULTS;
    return new MxCheck.Settings(node.bool("enabled", defaults.enabled()),
        node.duration("timeout", defaults.timeout()), node.duration("ttl", defaults.ttl()),
        node.duration("negativeTtl", defaults.negativeTtl()),
        node.integer("maxEntries", (int) defaults.maxEntries(), 1, 10_000_000), node.stringList("dnsServers"));
  }
}
