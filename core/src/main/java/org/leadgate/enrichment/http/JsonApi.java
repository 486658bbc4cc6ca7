package org.leadgate.enrichment.http;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import okhttp3.Headers;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.lead.Provenance;

/**
 * Everything that sets one JSON API apart: what {@link JsonApiProvider} sends and how it reads the answer. The
 * generic {@code http-json} provider builds one from its settings; each vendor preset builds one from its docs.
 *
 * @param requests the request URLs in order of preference; a lead uses the first whose placeholders it can fill
 * @param headers sent with every request (credentials come from configuration, never from lead data)
 * @param reader reads a 2xx JSON answer
 * @param noMatchStatuses statuses that mean "the provider does not know the subject", e.g. 404
 * @param forbidden what a 403 means for this vendor
 * @param rateLimitWait the wait a 429 without {@code Retry-After} implies, from the vendor's rate-limit headers
 * @param maxResponseBytes the largest answer read; a larger one is a bad response
 * @param source whether values are IP-derived or company data
 */
record JsonApi(
    List<UrlTemplate> requests,
    Headers headers,
    AnswerReader reader,
    Set<Integer> noMatchStatuses,
    ProviderResult.Kind forbidden,
    RateLimitWait rateLimitWait,
    long maxResponseBytes,
    Provenance.Source source) {
  static final long DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
  static final Set<Integer> DEFAULT_NO_MATCH_STATUSES = Set.of(404);

  JsonApi {
    requests = List.copyOf(requests);
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("an API has at least one request URL");
    }
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(reader, "reader");
    noMatchStatuses = Set.copyOf(noMatchStatuses);
    Objects.requireNonNull(forbidden, "forbidden");
    Objects.requireNonNull(rateLimitWait, "rateLimitWait");
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxResponseBytes must be positive, was " + maxResponseBytes);
    }
    Objects.requireNonNull(source, "source");
  }

  /** A company-data API with the defaults: 404 is no match, 403 is out of credits, at most 1 MiB answers. */
  static JsonApi companyData(List<UrlTemplate> requests, Headers headers, AnswerReader reader, RateLimitWait wait) {
    return new JsonApi(requests, headers, reader, DEFAULT_NO_MATCH_STATUSES, ProviderResult.Kind.OUT_OF_CREDITS,
        wait, DEFAULT_MAX_RESPONSE_BYTES, Provenance.Source.PROVIDER);
  }
}
