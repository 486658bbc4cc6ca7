package org.leadgate.enrichment.http;

import static org.leadgate.enrichment.EnrichmentFields.COMPANY;
import static org.leadgate.enrichment.EnrichmentFields.COMPANY_CITY;
import static org.leadgate.enrichment.EnrichmentFields.COMPANY_COUNTRY;
import static org.leadgate.enrichment.EnrichmentFields.COMPANY_DOMAIN;
import static org.leadgate.enrichment.EnrichmentFields.EMPLOYEES;
import static org.leadgate.enrichment.EnrichmentFields.EMPLOYEE_RANGE;
import static org.leadgate.enrichment.EnrichmentFields.FOUNDED_YEAR;
import static org.leadgate.enrichment.EnrichmentFields.INDUSTRY;
import static org.leadgate.enrichment.EnrichmentFields.LINKEDIN_URL;
import static org.leadgate.enrichment.EnrichmentFields.REVENUE;

import static org.leadgate.enrichment.http.JsonPointerReader.pointers;

import com.fasterxml.jackson.core.JsonPointer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import org.leadgate.enrichment.EnrichmentContext;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.EnrichmentProviderFactory;
import org.leadgate.enrichment.Region;
import org.leadgate.http.RetryAfter;

/**
 * People Data Labs Company Enrichment API v5, type {@code people-data-labs}: {@code GET /v5/company/enrich} with
 * {@code website={domain}}, or {@code name={companyName}} when the lead has no domain, and header {@code X-Api-Key}.
 * Settings: {@code apiKey} (required), {@code url} (default {@code https://api.peopledatalabs.com}),
 * {@code minLikelihood} (1–10, PDL's own default when absent).
 *
 * <p>The profile fields are at the top level of the answer; {@code likelihood} (1–10) becomes the match likelihood.
 * 404 is no match (not billed); 402 is out of credits; 403 (no access to the endpoint) too; a 429 without
 * {@code Retry-After} waits until {@code x-ratelimit-reset}.
 */
public final class PeopleDataLabsProviderFactory implements EnrichmentProviderFactory {
  static final String DEFAULT_URL = "https://api.peopledatalabs.com";
  private static final String ENRICH = "/v5/company/enrich";

  @Override
  public String id() {
    return "people-data-labs";
  }

  @Override
  public Region defaultRegion() {
    return Region.THIRD_COUNTRY;
  }

  @Override
  public EnrichmentProvider create(EnrichmentContext context) {
    PresetSettings preset = PresetSettings.read(context.settings(), DEFAULT_URL, "minLikelihood");
    String minLikelihood = context.settings().has("minLikelihood")
        ? "&min_likelihood=" + context.settings().integer("minLikelihood", 1, 1, 10)
        : "";
    List<UrlTemplate> requests = preset.requests(
        ENRICH + "?website={domain}" + minLikelihood,
        ENRICH + "?name={companyName}" + minLikelihood);
    Headers headers = preset.headers("X-Api-Key", preset.apiKey());
    return new JsonApiProvider(context,
        JsonApi.companyData(requests, headers, reader(), PeopleDataLabsProviderFactory::untilReset));
  }

  private static JsonPointerReader reader() {
    Map<String, List<JsonPointer>> fields = new LinkedHashMap<>();
    fields.put(COMPANY, pointers("/display_name", "/name"));
    fields.put(COMPANY_DOMAIN, pointers("/website"));
    fields.put(INDUSTRY, pointers("/industry"));
    fields.put(EMPLOYEE_RANGE, pointers("/size"));
    fields.put(EMPLOYEES, pointers("/employee_count"));
    fields.put(FOUNDED_YEAR, pointers("/founded"));
    fields.put(COMPANY_COUNTRY, pointers("/location/country"));
    fields.put(COMPANY_CITY, pointers("/location/locality"));
    fields.put(LINKEDIN_URL, pointers("/linkedin_url"));
    fields.put(REVENUE, pointers("/inferred_revenue"));
    return new JsonPointerReader(fields,
        Optional.of(new JsonPointerReader.Likelihood(JsonPointer.compile("/likelihood"), 10)));
  }

  /** {@code x-ratelimit-reset}: when the fixed rate-limit window resets, in UTC. */
  private static Optional<Duration> untilReset(Headers headers, Clock clock) {
    return RetryAfter.untilResetTime(headers.get("x-ratelimit-reset"), clock);
  }
}
