package org.leadgate.enrichment.geoip;

import static org.leadgate.enrichment.EnrichmentFields.ACCURACY_RADIUS_KM;
import static org.leadgate.enrichment.EnrichmentFields.ASN;
import static org.leadgate.enrichment.EnrichmentFields.AS_ORGANIZATION;
import static org.leadgate.enrichment.EnrichmentFields.CITY;
import static org.leadgate.enrichment.EnrichmentFields.COUNTRY;
import static org.leadgate.enrichment.EnrichmentFields.COUNTRY_NAME;
import static org.leadgate.enrichment.EnrichmentFields.IP_ORGANIZATION;
import static org.leadgate.enrichment.EnrichmentFields.IP_USER_TYPE;
import static org.leadgate.enrichment.EnrichmentFields.ISP;
import static org.leadgate.enrichment.EnrichmentFields.LATITUDE;
import static org.leadgate.enrichment.EnrichmentFields.LONGITUDE;
import static org.leadgate.enrichment.EnrichmentFields.POSTAL_CODE;
import static org.leadgate.enrichment.EnrichmentFields.REGION;
import static org.leadgate.enrichment.EnrichmentFields.REGION_CODE;
import static org.leadgate.enrichment.EnrichmentFields.TIME_ZONE;

import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.model.CountryResponse;
import com.maxmind.geoip2.model.InsightsResponse;
import com.maxmind.geoip2.record.City;
import com.maxmind.geoip2.record.Country;
import com.maxmind.geoip2.record.Location;
import com.maxmind.geoip2.record.Postal;
import com.maxmind.geoip2.record.Subdivision;
import com.maxmind.geoip2.record.Traits;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.leadgate.enrichment.EnrichedValue;
import org.leadgate.enrichment.ProviderResult;

/**
 * Turns MaxMind's answers into enrichment fields, the same for every database kind and web service: database
 * records ({@link LocationRecord}) and the geoip2 library's web-service answers turned into one.
 * Names are English. A value carries MaxMind's confidence (0-100, Enterprise and Insights only) as 0..1, else 1.
 * {@code ipOrganization} is written only for user type {@code business}: only then does the organisation using
 * the IP name the lead's company (for residential, cellular, hosting, college or government networks it names an
 * ISP's customer pool, a campus or an authority that many unrelated people share).
 */
final class GeoIpFields {
  /** The user type whose organisation is trusted as the lead's company. */
  private static final String TRUSTED_USER_TYPE = "business";

  private final Map<String, EnrichedValue> fields = new LinkedHashMap<>(32);

  private GeoIpFields() {}

  /** A City or Enterprise database record, or a web-service answer turned into one. */
  static ProviderResult of(LocationRecord r) {
    GeoIpFields fields = new GeoIpFields();
    fields.place(COUNTRY, COUNTRY_NAME, r.country());
    if (!r.subdivisions().isEmpty()) {
      LocationRecord.Place largest = r.subdivisions().get(0);
      double confidence = confidence(largest.confidence());
      fields.put(REGION, largest.name(), confidence);
      fields.put(REGION_CODE, largest.isoCode(), confidence);
    }
    fields.place(null, CITY, r.city());
    if (r.postal() != null) {
      fields.put(POSTAL_CODE, r.postal().code(), confidence(r.postal().confidence()));
    }
    if (r.location() != null) {
      fields.put(TIME_ZONE, r.location().timeZone(), 1);
      fields.put(LATITUDE, decimal(r.location().latitude()), 1);
      fields.put(LONGITUDE, decimal(r.location().longitude()), 1);
      fields.put(ACCURACY_RADIUS_KM, Objects.toString(r.location().accuracyRadius(), null), 1);
    }
    if (r.traits() != null) {
      LocationRecord.Network traits = r.traits();
      fields.network(traits.autonomousSystemNumber(), traits.autonomousSystemOrganization(), traits.isp());
      fields.put(IP_USER_TYPE, traits.userType(), 1);
      if (TRUSTED_USER_TYPE.equals(traits.userType())) {
        fields.put(IP_ORGANIZATION, traits.organization(), 1);
      }
    }
    return fields.result();
  }

  static ProviderResult of(CityResponse r) {
    return of(located(r.country(), r.subdivisions(), r.city(), r.postal(), r.location(), r.traits()));
  }

  static ProviderResult of(InsightsResponse r) {
    return of(located(r.country(), r.subdivisions(), r.city(), r.postal(), r.location(), r.traits()));
  }

  static ProviderResult of(CountryResponse r) {
    return of(new LocationRecord(null, place(r.country().name(), r.country().isoCode(), r.country().confidence()),
        List.of(), null, null, network(r.traits())));
  }

  /** A web-service answer in the shape of a database record. */
  private static LocationRecord located(Country country, List<Subdivision> subdivisions, City city, Postal postal,
      Location location, Traits traits) {
    return new LocationRecord(place(city.name(), null, city.confidence()),
        place(country.name(), country.isoCode(), country.confidence()),
        subdivisions.stream().map(s -> place(s.name(), s.isoCode(), s.confidence())).toList(),
        new LocationRecord.PostalCode(postal.code(), postal.confidence()),
        new LocationRecord.Position(location.latitude(), location.longitude(), location.accuracyRadius(),
            location.timeZone()),
        network(traits));
  }

  private static LocationRecord.Place place(String name, String isoCode, Integer confidence) {
    return new LocationRecord.Place(new LocationRecord.Names(name), isoCode, confidence);
  }

  private static LocationRecord.Network network(Traits traits) {
    return new LocationRecord.Network(traits.autonomousSystemNumber(), traits.autonomousSystemOrganization(),
        traits.isp(), traits.organization(), traits.userType());
  }

  /** A place's code (when {@code codeField} is given) and name, with its confidence. */
  private void place(String codeField, String nameField, LocationRecord.Place place) {
    if (place == null) {
      return;
    }
    double confidence = confidence(place.confidence());
    if (codeField != null) {
      put(codeField, place.isoCode(), confidence);
    }
    put(nameField, place.name(), confidence);
  }

  private void network(Long asn, String asOrganization, String isp) {
    put(ASN, Objects.toString(asn, null), 1);
    put(AS_ORGANIZATION, asOrganization, 1);
    put(ISP, isp, 1);
  }

  private void put(String field, String value, double confidence) {
    if (value != null && !value.isBlank()) {
      fields.put(field, new EnrichedValue(value, confidence));
    }
  }

  private ProviderResult result() {
    return fields.isEmpty() ? new ProviderResult.NoMatch() : new ProviderResult.Found(fields);
  }

  private static double confidence(Integer percent) {
    return percent == null ? 1 : Math.max(0, Math.min(100, percent)) / 100.0;
  }

  /** Plain decimal notation, never {@code 1.0E-4}. */
  private static String decimal(Double value) {
    if (value == null) {
      return null;
    }
    String text = value.toString();
    return text.indexOf('E') < 0 ? text : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
