package org.leadgate.enrichment.request;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.leadgate.enrichment.EnrichedValue;
import org.leadgate.enrichment.EnrichmentFields;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Turns a visit's request metadata into enrichment fields: the preferred language, browser, operating system and
 * device, the referring page without its query, and the campaign parameters. Thread-safe; build one and share it,
 * since loading the User-Agent rules takes a while. Parsed User-Agent and Accept-Language headers are cached, as most
 * visits send one of a few thousand distinct ones.
 */
public final class RequestMetadata {
  private static final int MAX_USER_AGENT_LENGTH = 1024;
  private static final int MAX_ACCEPT_LANGUAGE_LENGTH = 256;
  private static final int MAX_REFERRER_LENGTH = 2048;
  private static final int CACHE_SIZE = 10_000;
  private static final String OTHER = "Other";

  /** uap-java's plain parser is immutable once built (each parse makes its own matchers); its CachingParser is not. */
  private final Parser parser = new Parser();
  private final Cache<String, Map<String, EnrichedValue>> userAgents =
      Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();
  private final Cache<String, Optional<String>> languages = Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();

  /** The fields found in {@code data}; a part that is absent, too long or unreadable gives no field. */
  public Map<String, EnrichedValue> fields(RequestData data) {
    Map<String, EnrichedValue> fields = new LinkedHashMap<>();
    data.acceptLanguage().filter(header -> header.length() <= MAX_ACCEPT_LANGUAGE_LENGTH)
        .flatMap(header -> languages.get(header, RequestMetadata::language))
        .ifPresent(language -> fields.put(EnrichmentFields.LANGUAGE, EnrichedValue.certain(language)));
    data.userAgent().filter(ua -> ua.length() <= MAX_USER_AGENT_LENGTH)
        .ifPresent(ua -> fields.putAll(userAgents.get(ua, this::userAgentFields)));
    data.referrer().filter(referrer -> referrer.length() <= MAX_REFERRER_LENGTH)
        .flatMap(RequestMetadata::referrer)
        .ifPresent(referrer -> fields.put(EnrichmentFields.REFERRER, EnrichedValue.certain(referrer)));
    Utm.FIELDS.forEach((key, field) -> {
      String value = data.utm().get(key);
      if (value != null) {
        fields.put(field, EnrichedValue.certain(value));
      }
    });
    return Collections.unmodifiableMap(fields);
  }

  /** The most preferred language range as a BCP 47 tag ({@code de-DE}); wildcards and q=0 ranges never are. */
  private static Optional<String> language(String acceptLanguage) {
    List<Locale.LanguageRange> ranges;
    try {
      ranges = Locale.LanguageRange.parse(acceptLanguage);
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
    return ranges.stream()
        .filter(range -> range.getWeight() > 0 && !range.getRange().contains("*"))
        .map(range -> Locale.forLanguageTag(range.getRange()).toLanguageTag())
        .filter(tag -> !tag.equals("und"))
        .findFirst();
  }

  /** Browser family and major version ("Firefox 120"), OS family, device family; "Other" means unknown. */
  private Map<String, EnrichedValue> userAgentFields(String userAgent) {
    Client client = parser.parse(userAgent);
    Map<String, EnrichedValue> fields = new LinkedHashMap<>();
    if (!OTHER.equals(client.userAgent.family)) {
      String major = client.userAgent.major;
      String browser = major == null ? client.userAgent.family : client.userAgent.family + " " + major;
      fields.put(EnrichmentFields.BROWSER, EnrichedValue.certain(browser));
    }
    if (!OTHER.equals(client.os.family)) {
      fields.put(EnrichmentFields.OS, EnrichedValue.certain(client.os.family));
    }
    if (!OTHER.equals(client.device.family)) {
      fields.put(EnrichmentFields.DEVICE, EnrichedValue.certain(client.device.family));
    }
    return Collections.unmodifiableMap(fields);
  }

  /** {@code scheme://host/path} of an http(s) URL: user info, port, query and fragment may carry personal data. */
  private static Optional<String> referrer(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException malformed) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      return Optional.empty();
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + path);
  }
}
