package org.leadgate.enrichment.geoip;

import com.maxmind.geoip2.WebServiceClient;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.leadgate.enrichment.ProviderResult;

/** The MaxMind GeoIP2 web service to ask; each answers more than the one before (and costs more). */
enum WebService {
  COUNTRY {
    @Override
    ProviderResult ask(WebServiceClient client, InetAddress ip) throws IOException, GeoIp2Exception {
      return GeoIpFields.of(client.country(ip));
    }
  },
  CITY {
    @Override
    ProviderResult ask(WebServiceClient client, InetAddress ip) throws IOException, GeoIp2Exception {
      return GeoIpFields.of(client.city(ip));
    }
  },
  INSIGHTS {
    @Override
    ProviderResult ask(WebServiceClient client, InetAddress ip) throws IOException, GeoIp2Exception {
      return GeoIpFields.of(client.insights(ip));
    }
  };

  abstract ProviderResult ask(WebServiceClient client, InetAddress ip) throws IOException, GeoIp2Exception;

  /** The id in the {@code service} setting: {@code country}, {@code city} or {@code insights}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<WebService> byId(String id) {
    return Arrays.stream(values()).filter(service -> service.id().equals(id)).findFirst();
  }
}
