package org.leadgate.enrichment.http;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.Headers;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;
import org.leadgate.enrichment.EnrichmentContext;
import org.leadgate.enrichment.EnrichmentFields;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.EnrichmentProviderFactory;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.Region;
import org.leadgate.lead.Provenance;

/**
 * The generic JSON provider, type {@code http-json}. Settings:
 * <ul>
 *   <li>{@code url} (required): the request URL with {@code {domain}}, {@code {ip}} and/or {@code {companyName}} in
 *       path segments or query values, e.g. {@code https://api.example.com/v1/companies/{domain}?fields=all}; a lead
 *       is looked up only when it has every value the URL uses</li>
 *   <li>{@code headers}: header name to value, e.g. {@code Authorization: "Bearer ${EXAMPLE_TOKEN}"}</li>
 *   <li>{@code fields} (required): enrichment field name to an RFC 6901 JSON pointer into the answer</li>
 *   <li>{@code likelihood}: JSON pointer to a numeric match likelihood, and {@code likelihoodScale} its top value
 *       (default 1; 10 for a 1–10 score)</li>
 *   <li>{@code noMatchStatuses}: 4xx statuses meaning "not known" (default {@code [404]})</li>
 *   <li>{@code maxResponseBytes}: the largest answer read (default 1 MiB)</li>
 * </ul>
 * A 403 counts as out of credits: most vendors answer 403 for a spent quota or a plan without access, both not worth
 * retrying soon.
 */
public final class HttpJsonProviderFactory implements EnrichmentProviderFactory {
  private static final int MAX_RESPONSE_BYTES_LIMIT = 64 * 1024 * 1024;

  @Override
  public String id() {
    return "http-json";
  }

  @Override
  public Region defaultRegion() {
    return Region.THIRD_COUNTRY;
  }

  @Override
  public EnrichmentProvider create(EnrichmentContext context) {
    return new JsonApiProvider(context, api(context.settings()));
  }

  private static JsonApi api(ConfigNode settings) {
    settings.allowOnly("url", "headers", "fields", "likelihood", "likelihoodScale", "noMatchStatuses",
        "maxResponseBytes");
    UrlTemplate url = UrlTemplate.parse(settings.string("url"), settings, "url");
    Headers headers = HeaderSettings.read(settings, "headers");
    JsonPointerReader reader = new JsonPointerReader(fields(settings, "fields"), likelihood(settings));
    Set<Integer> noMatchStatuses = settings.has("noMatchStatuses")
        ? statuses(settings, "noMatchStatuses")
        : JsonApi.DEFAULT_NO_MATCH_STATUSES;
    int maxResponseBytes = settings.integer("maxResponseBytes", (int) JsonApi.DEFAULT_MAX_RESPONSE_BYTES, 1,
        MAX_RESPONSE_BYTES_LIMIT);
    return new JsonApi(List.of(url), headers, reader, noMatchStatuses, ProviderResult.Kind.OUT_OF_CREDITS,
        RateLimitWait.NONE, maxResponseBytes, Provenance.Source.PROVIDER);
  }

  private static Map<String, List<JsonPointer>> fields(ConfigNode settings, String key) {
    ConfigNode section = settings.section(key);
    Map<String, List<JsonPointer>> fields = new LinkedHashMap<>();
    settings.stringMap(key).forEach((field, pointer) -> {
      if (!EnrichmentFields.ALL.contains(field)) {
        throw section.error(field, "is not an enrichment field; known fields: "
            + String.join(", ", new TreeSet<>(EnrichmentFields.ALL)));
      }
      fields.put(field, List.of(pointer(section, field, pointer)));
    });
    if (fields.isEmpty()) {
      throw settings.error(key, "must map at least one enrichment field to a JSON pointer");
    }
    return fields;
  }

  private static Optional<JsonPointerReader.Likelihood> likelihood(ConfigNode settings) {
    Optional<String> pointer = settings.optionalString("likelihood");
    if (pointer.isEmpty()) {
      if (settings.has("likelihoodScale")) {
        throw settings.error("likelihoodScale", "needs likelihood, the JSON pointer to the value it scales");
      }
      return Optional.empty();
    }
    int scale = settings.integer("likelihoodScale", 1, 1, 1_000_000);
    return Optional.of(new JsonPointerReader.Likelihood(pointer(settings, "likelihood", pointer.get()), scale));
  }

  private static JsonPointer pointer(ConfigNode section, String key, String pointer) {
    if (!pointer.startsWith("/")) {
      throw section.error(key, "must be a JSON pointer starting with '/', e.g. /company/name");
    }
    try {
      return JsonPointer.compile(pointer);
    } catch (IllegalArgumentException e) {
      throw section.error(key, "is not a valid JSON pointer: " + e.getMessage());
    }
  }

  private static Set<Integer> statuses(ConfigNode settings, String key) {
    List<String> texts = settings.stringList(key);
    Set<Integer> statuses = new LinkedHashSet<>();
    for (int i = 0; i < texts.size(); i++) {
      String itemKey = settings.keyPath(key) + "[" + i + "]";
      try {
        int status = Integer.parseInt(texts.get(i));
        if (status < 400 || status > 499) {
          throw new ConfigException(itemKey, "must be a 4xx status but was " + status);
        }
        statuses.add(status);
      } catch (NumberFormatException e) {
        throw new ConfigException(itemKey, "must be an HTTP status but was '" + texts.get(i) + "'");
      }
    }
    return statuses;
  }
}
