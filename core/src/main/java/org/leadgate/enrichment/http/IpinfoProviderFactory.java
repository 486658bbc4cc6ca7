package org.leadgate.enrichment.http;

import org.leadgate.enrichment.EnrichmentContext;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.EnrichmentProviderFactory;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.Region;
import org.leadgate.lead.Provenance;

/**
 * IPinfo IP-to-company lookups for B2B visitors, type {@code ipinfo}: {@code GET /{ip}/json} with
 * {@code Authorization: Bearer <token>}. Settings: {@code apiKey} (the token, required), {@code url} (default
 * {@code https://ipinfo.io}). Values are IP-derived; see {@link IpinfoAnswerReader} for the mapping.
 *
 * <p>IPinfo answers a wrong token with 403, so 401 and 403 are both unauthorized; a spent quota is a 429 (transient,
 * honouring {@code Retry-After}); 404 (an address it does not know) is no match.
 */
public final class IpinfoProviderFactory implements EnrichmentProviderFactory {
  static final String DEFAULT_URL = "https://ipinfo.io";

  @Override
  public String id() {
    return "ipinfo";
  }

  @Override
  public Region defaultRegion() {
    return Region.THIRD_COUNTRY;
  }

  @Override
  public EnrichmentProvider create(EnrichmentContext context) {
    PresetSettings preset = PresetSettings.read(context.settings(), DEFAULT_URL);
    return new JsonApiProvider(context, new JsonApi(
        preset.requests("/{ip}/json"),
        preset.headers("Authorization", "Bearer " + preset.apiKey()),
        new IpinfoAnswerReader(),
        JsonApi.DEFAULT_NO_MATCH_STATUSES,
        ProviderResult.Kind.UNAUTHORIZED,
        RateLimitWait.NONE,
        JsonApi.DEFAULT_MAX_RESPONSE_BYTES,
        Provenance.Source.IP_DERIVED));
  }
}
