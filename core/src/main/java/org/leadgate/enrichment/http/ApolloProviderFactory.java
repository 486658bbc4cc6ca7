package org.leadgate.enrichment.http;

import static org.leadgate.enrichment.EnrichmentFields.COMPANY;
import static org.leadgate.enrichment.EnrichmentFields.COMPANY_CITY;
import static org.leadgate.enrichment.EnrichmentFields.COMPANY_COUNTRY;
import static org.leadgate.enrichment.EnrichmentFields.COMPANY_DOMAIN;
import static org.leadgate.enrichment.EnrichmentFields.EMPLOYEES;
import static org.leadgate.enrichment.EnrichmentFields.FOUNDED_YEAR;
import static org.leadgate.enrichment.EnrichmentFields.INDUSTRY;
import static org.leadgate.enrichment.EnrichmentFields.LINKEDIN_URL;
import static org.leadgate.enrichment.EnrichmentFields.REVENUE;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import org.leadgate.enrichment.EnrichmentContext;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.EnrichmentProviderFactory;
import org.leadgate.enrichment.Region;

/**
 * Apollo Organization Enrichment, type {@code apollo}: {@code GET /api/v1/organizations/enrich?domain={domain}} with
 * header {@code x-api-key}. Settings: {@code apiKey} (required), {@code url} (default {@code https://api.apollo.io}).
 *
 * <p>The answer's {@code organization} object holds the profile; an empty or absent one is no match. 403 (the plan
 * or key has no access to the endpoint) counts as out of credits. A 429 without {@code Retry-After} waits for the
 * longest fixed window (minute, hour, day) whose {@code x-*-requests-left} is 0: Apollo sends no reset time, so the
 * window's length is the upper bound.
 */
public final class ApolloProviderFactory implements EnrichmentProviderFactory {
  static final String DEFAULT_URL = "https://api.apollo.io";

  @Override
  public String id() {
    return "apollo";
  }

  @Override
  public Region defaultRegion() {
    return Region.THIRD_COUNTRY;
  }

  @Override
  public EnrichmentProvider create(EnrichmentContext context) {
    PresetSettings preset = PresetSettings.read(context.settings(), DEFAULT_URL);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(COMPANY, "/organization/name");
    fields.put(COMPANY_DOMAIN, "/organization/primary_domain");
    fields.put(INDUSTRY, "/organization/industry");
    fields.put(EMPLOYEES, "/organization/estimated_num_employees");
    fields.put(FOUNDED_YEAR, "/organization/founded_year");
    fields.put(COMPANY_COUNTRY, "/organization/country");
    fields.put(COMPANY_CITY, "/organization/city");
    fields.put(LINKEDIN_URL, "/organization/linkedin_url");
    fields.put(REVENUE, "/organization/annual_revenue");
    return new JsonApiProvider(context, JsonApi.companyData(
        preset.requests("/api/v1/organizations/enrich?domain={domain}"),
        preset.headers("x-api-key", preset.apiKey()),
        JsonPointerReader.of(fields),
        ApolloProviderFactory::exhaustedWindow));
  }

  private static Optional<Duration> exhaustedWindow(Headers headers, Clock clock) {
    if (spent(headers, "x-daily-requests-left")) {
      return Optional.of(Duration.ofDays(1));
    }
    if (spent(headers, "x-hourly-requests-left")) {
      return Optional.of(Duration.ofHours(1));
    }
    if (spent(headers, "x-minute-requests-left")) {
      return Optional.of(Duration.ofMinutes(1));
    }
    return Optional.empty();
  }

  private static boolean spent(Headers headers, String name) {
    String left = headers.get(name);
    return left != null && left.trim().equals("0");
  }
}
