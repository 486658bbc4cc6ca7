package org.leadgate.enrichment.http;

import static org.leadgate.enrichment.EnrichmentFields.ASN;
import static org.leadgate.enrichment.EnrichmentFields.AS_ORGANIZATION;
import static org.leadgate.enrichment.EnrichmentFields.CITY;
import static org.leadgate.enrichment.EnrichmentFields.COMPANY;
import static org.leadgate.enrichment.EnrichmentFields.COMPANY_DOMAIN;
import static org.leadgate.enrichment.EnrichmentFields.COUNTRY;
import static org.leadgate.enrichment.EnrichmentFields.IP_ORGANIZATION;
import static org.leadgate.enrichment.EnrichmentFields.IP_USER_TYPE;
import static org.leadgate.enrichment.EnrichmentFields.LATITUDE;
import static org.leadgate.enrichment.EnrichmentFields.LONGITUDE;
import static org.leadgate.enrichment.EnrichmentFields.POSTAL_CODE;
import static org.leadgate.enrichment.EnrichmentFields.REGION;
import static org.leadgate.enrichment.EnrichmentFields.TIME_ZONE;
import static org.leadgate.enrichment.http.JsonPointerReader.pointers;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.enrichment.EnrichedValue;
import org.leadgate.enrichment.ProviderResult;

/**
 * Reads an IPinfo answer. A {@code bogon} address is no match. The organisation using the IP ({@code company.name})
 * is always {@code ipOrganization}, but becomes the lead's {@code company} and {@code companyDomain} only when
 * {@code company.type} is {@code business}: the IP of an ISP, hosting or education network says nothing about the
 * visitor's employer. {@code ipUserType} is IPinfo's type as given ({@code business}, {@code isp}, {@code hosting},
 * {@code education}), the company's, else the ASN's. {@code asn} is the number without {@code AS}; {@code loc} gives
 * latitude and longitude.
 */
final class IpinfoAnswerReader implements AnswerReader {
  private static final JsonPointerReader ALWAYS = new JsonPointerReader(Map.of(
      IP_ORGANIZATION, pointers("/company/name"),
      AS_ORGANIZATION, pointers("/asn/name"),
      IP_USER_TYPE, pointers("/company/type", "/asn/type"),
      COUNTRY, pointers("/country"),
      REGION, pointers("/region"),
      CITY, pointers("/city"),
      POSTAL_CODE, pointers("/postal"),
      TIME_ZONE, pointers("/timezone")), Optional.empty());
  private static final JsonPointerReader BUSINESS_ONLY = new JsonPointerReader(Map.of(
      COMPANY, pointers("/company/name"),
      COMPANY_DOMAIN, pointers("/company/domain")), Optional.empty());
  private static final JsonPointer BOGON = JsonPointer.compile("/bogon");
  private static final JsonPointer COMPANY_TYPE = JsonPointer.compile("/company/type");
  private static final JsonPointer ASN_NUMBER = JsonPointer.compile("/asn/asn");
  private static final JsonPointer LOCATION = JsonPointer.compile("/loc");

  @Override
  public ProviderResult read(JsonNode answer) {
    if (answer.at(BOGON).asBoolean(false)) {
      return new ProviderResult.NoMatch();
    }
    Map<String, String> values = new LinkedHashMap<>(ALWAYS.values(answer));
    if (JsonPointerReader.text(answer.at(COMPANY_TYPE)).filter("business"::equals).isPresent()) {
      values.putAll(BUSINESS_ONLY.values(answer));
    }
    JsonPointerReader.text(answer.at(ASN_NUMBER))
        .map(asn -> asn.replaceFirst("^(?i)AS", ""))
        .ifPresent(asn -> values.put(ASN, asn));
    JsonPointerReader.text(answer.at(LOCATION))
        .map(loc -> List.of(loc.split(",")))
        .filter(parts -> parts.size() == 2)
        .ifPresent(parts -> {
          values.put(LATITUDE, parts.get(0).trim());
          values.put(LONGITUDE, parts.get(1).trim());
        });
    if (values.isEmpty()) {
      return new ProviderResult.NoMatch();
    }
    Map<String, EnrichedValue> found = new LinkedHashMap<>();
    values.forEach((field, value) -> found.put(field, EnrichedValue.certain(value)));
    return new ProviderResult.Found(found);
  }
}
