package org.leadgate.enrichment.geoip;

import com.maxmind.geoip2.WebServiceClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.leadgate.config.ConfigNode;
import org.leadgate.enrichment.EnrichmentContext;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.EnrichmentProviderFactory;
import org.leadgate.enrichment.Region;

/**
 * {@code geoip2-web-service}: MaxMind's GeoIP2 web services. Settings:
 *
 * <ul>
 *   <li>{@code accountId}, {@code licenseKey} (required): the MaxMind account.</li>
 *   <li>{@code service} (default {@code city}): {@code country}, {@code city} or {@code insights}; only Insights
 *       has the IP's user type, and so the organisation using a business IP.</li>
 *   <li>{@code url} (default {@code https://geoip.maxmind.com}): scheme, host and port of the service, e.g.
 *       {@code https://geolite.info} for GeoLite.</li>
 *   <li>{@code timeout} (default {@code 2s}, at least {@code 100ms}): the longest a call may take, connecting
 *       included; a shorter call timeout from the gateway applies too (in steps of 100 ms).</li>
 * </ul>
 *
 * <p>The library retries nothing here: the gateway's retry and circuit breaker decide.
 */
public final class GeoIpWebServiceFactory implements EnrichmentProviderFactory {
  private static final String DEFAULT_URL = "https://geoip.maxmind.com";
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration MIN_TIMEOUT = Duration.ofMillis(100);

  @Override
  public String id() {
    return "geoip2-web-service";
  }

  @Override
  public Region defaultRegion() {
    return Region.THIRD_COUNTRY;
  }

  @Override
  public EnrichmentProvider create(EnrichmentContext context) {
    ConfigNode settings = context.settings().allowOnly("accountId", "licenseKey", "service", "url", "timeout");
    if (!settings.has("accountId")) {
      throw settings.error("accountId", "is required");
    }
    int accountId = settings.integer("accountId", 0, 1, Integer.MAX_VALUE);
    String licenseKey = settings.string("licenseKey");
    String serviceId = settings.string("service", WebService.CITY.id());
    WebService service = WebService.byId(serviceId).orElseThrow(() -> settings.error("service",
        "must be country, city or insights but was '" + serviceId + "'"));
    URI url = settings.has("url") ? settings.httpUrl("url") : URI.create(DEFAULT_URL);
    if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/")
        || url.getRawQuery() != null) {
      throw settings.error("url", "must be scheme, host and port only (the service paths are fixed) but was '"
          + url + "'");
    }
    Duration timeout = settings.duration("timeout", DEFAULT_TIMEOUT);
    if (timeout.compareTo(MIN_TIMEOUT) < 0) {
      throw settings.error("timeout", "must be at least 100ms but was " + timeout.toMillis() + "ms");
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    boolean https = url.getScheme().equalsIgnoreCase("https");
    int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
    Function<Duration, WebServiceClient> clientWithTimeout = callTimeout -> {
      WebServiceClient.Builder builder = new WebServiceClient.Builder(accountId, licenseKey)
          .httpClient(http).host(url.getHost()).port(port).locales(List.of("en")).requestTimeout(callTimeout)
          .maxRetries(0);
      return (https ? builder : builder.disableHttps()).build();
    };
    return new GeoIpWebServiceProvider(service, timeout, clientWithTimeout);
  }
}
