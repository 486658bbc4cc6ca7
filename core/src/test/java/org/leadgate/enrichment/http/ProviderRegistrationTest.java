package org.leadgate.enrichment.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.leadgate.enrichment.EnrichmentProviderFactory;
import org.leadgate.enrichment.Region;

class ProviderRegistrationTest {

  @Test
  void the_http_providers_are_found_by_their_ids_and_process_data_in_a_third_country() {
    Map<String, EnrichmentProviderFactory> byId = ServiceLoader.load(EnrichmentProviderFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .collect(Collectors.toMap(EnrichmentProviderFactory::id, f -> f));

    for (String id : new String[] {"http-json", "people-data-labs", "apollo", "ipinfo"}) {
      assertTrue(byId.containsKey(id), id + " not registered; found " + byId.keySet());
      assertEquals(Region.THIRD_COUNTRY, byId.get(id).defaultRegion(), id);
    }
  }
}
