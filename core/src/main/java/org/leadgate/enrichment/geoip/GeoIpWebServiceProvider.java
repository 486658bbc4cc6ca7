package org.leadgate.enrichment.geoip;

import com.maxmind.geoip2.WebServiceClient;
import com.maxmind.geoip2.exception.AddressNotFoundException;
import com.maxmind.geoip2.exception.AuthenticationException;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.exception.HttpException;
import com.maxmind.geoip2.exception.InvalidRequestException;
import com.maxmind.geoip2.exception.OutOfQueriesException;
import com.maxmind.geoip2.exception.PermissionRequiredException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.ProviderResult.Failed;
import org.leadgate.enrichment.ProviderResult.Kind;
import org.leadgate.lead.Provenance;

/**
 * Asks MaxMind's GeoIP2 Country, City or Insights web service for the lead's IP (built by
 * {@link GeoIpWebServiceFactory}). An unknown or reserved address is a {@link ProviderResult.NoMatch}; refused
 * credentials are {@link Kind#UNAUTHORIZED}; an account without funds or without permission for the service is
 * {@link Kind#OUT_OF_CREDITS}; 429, 5xx, timeouts and connection errors are {@link Kind#TRANSIENT}; anything else
 * (another error code, an unreadable answer) is {@link Kind#BAD_RESPONSE}. The library's messages name the IP, so
 * they never reach a reason.
 */
public final class GeoIpWebServiceProvider implements EnrichmentProvider {
  /** Call timeouts are rounded down to whole steps, so a handful of clients serve every timeout. */
  private static final long TIMEOUT_STEP_MILLIS = 100;

  private final WebService service;
  private final Duration maxTimeout;
  private final Function<Duration, WebServiceClient> clientWithTimeout;
  private final ConcurrentMap<Long, WebServiceClient> clientsBySteps = new ConcurrentHashMap<>();

  GeoIpWebServiceProvider(WebService service, Duration maxTimeout,
      Function<Duration, WebServiceClient> clientWithTimeout) {
    this.service = service;
    this.maxTimeout = maxTimeout;
    this.clientWithTimeout = clientWithTimeout;
  }

  @Override
  public Optional<LookupQuery> query(EnrichmentInput input) {
    return IpQuery.of(input);
  }

  @Override
  public ProviderResult lookup(LookupQuery query, Duration timeout) {
    Optional<InetAddress> ip = IpQuery.address(query);
    if (ip.isEmpty()) {
      return new Failed(Kind.BAD_RESPONSE, "the query holds no IP address");
    }
    try {
      return service.ask(client(timeout), ip.get());
    } catch (AddressNotFoundException e) {
      return new ProviderResult.NoMatch();
    } catch (AuthenticationException e) {
      return new Failed(Kind.UNAUTHORIZED, "account id or license key refused");
    } catch (OutOfQueriesException e) {
      return new Failed(Kind.OUT_OF_CREDITS, "insufficient funds");
    } catch (PermissionRequiredException e) {
      return new Failed(Kind.OUT_OF_CREDITS, "the account may not use the " + service.id() + " service");
    } catch (InvalidRequestException e) {
      return new Failed(Kind.BAD_RESPONSE, "request refused: " + e.code());
    } catch (HttpException e) {
      int status = e.httpStatus();
      return new Failed(status == 429 || status >= 500 ? Kind.TRANSIENT : Kind.BAD_RESPONSE, "HTTP " + status);
    } catch (IOException e) {
      return new Failed(Kind.TRANSIENT, e.getClass().getSimpleName());
    } catch (GeoIp2Exception e) {
      return new Failed(Kind.BAD_RESPONSE, "unreadable answer");
    }
  }

  /** A client whose request timeout is {@code timeout} (at most the configured one), shared by equal timeouts. */
  private WebServiceClient client(Duration timeout) {
    long steps = Math.max(1, Math.min(timeout.toMillis(), maxTimeout.toMillis()) / TIMEOUT_STEP_MILLIS);
    return clientsBySteps.computeIfAbsent(steps,
        s -> clientWithTimeout.apply(Duration.ofMillis(s * TIMEOUT_STEP_MILLIS)));
  }

  @Override
  public Provenance.Source source() {
    return Provenance.Source.IP_DERIVED;
  }

  @Override
  public Map<String, Object> health() {
    return Map.of("service", service.id());
  }
}
