package org.leadgate.enrichment;

import java.util.Set;

/**
 * The lead field names enrichment writes. They are the names a form uses for the same facts, so a value the person
 * typed (a form field {@code country}) is never replaced by a looked-up one (the IP's {@code country}).
 */
public final class EnrichmentFields {
  private EnrichmentFields() {}

  // IP geolocation
  /** ISO 3166-1 alpha-2 code, e.g. {@code DE}. */
  public static final String COUNTRY = "country";
  public static final String COUNTRY_NAME = "countryName";
  /** The largest subdivision's name, e.g. {@code Bayern}. */
  public static final String REGION = "region";
  /** The largest subdivision's ISO 3166-2 code part, e.g. {@code BY}. */
  public static final String REGION_CODE = "regionCode";
  public static final String CITY = "city";
  public static final String POSTAL_CODE = "postalCode";
  /** IANA time zone, e.g. {@code Europe/Berlin}. */
  public static final String TIME_ZONE = "timeZone";
  public static final String LATITUDE = "latitude";
  public static final String LONGITUDE = "longitude";
  public static final String ACCURACY_RADIUS_KM = "accuracyRadiusKm";
  // network
  public static final String ASN = "asn";
  public static final String AS_ORGANIZATION = "asOrganization";
  public static final String ISP = "isp";
  /** MaxMind user type: {@code business}, {@code residential}, {@code cellular}, {@code hosting}, ... */
  public static final String IP_USER_TYPE = "ipUserType";
  /** The organisation using the IP; a company candidate only when the user type is {@code business}. */
  public static final String IP_ORGANIZATION = "ipOrganization";
  // company
  public static final String COMPANY = "company";
  public static final String COMPANY_DOMAIN = "companyDomain";
  public static final String INDUSTRY = "industry";
  public static final String EMPLOYEES = "employees";
  /** e.g. {@code 51-200}. */
  public static final String EMPLOYEE_RANGE = "employeeRange";
  public static final String REVENUE = "revenue";
  public static final String FOUNDED_YEAR = "foundedYear";
  public static final String COMPANY_COUNTRY = "companyCountry";
  public static final String COMPANY_CITY = "companyCity";
  public static final String LINKEDIN_URL = "linkedinUrl";
  // request metadata
  /** The preferred language from {@code Accept-Language}, e.g. {@code de-DE}. */
  public static final String LANGUAGE = "language";
  public static final String BROWSER = "browser";
  public static final String OS = "os";
  public static final String DEVICE = "device";
  public static final String REFERRER = "referrer";
  public static final String UTM_SOURCE = "utmSource";
  public static final String UTM_MEDIUM = "utmMedium";
  public static final String UTM_CAMPAIGN = "utmCampaign";
  public static final String UTM_TERM = "utmTerm";
  public static final String UTM_CONTENT = "utmContent";

  /** Every name above: field mappings and acceptance rules may name only these. */
  public static final Set<String> ALL = Set.of(COUNTRY, COUNTRY_NAME, REGION, REGION_CODE, CITY, POSTAL_CODE,
      TIME_ZONE, LATITUDE, LONGITUDE, ACCURACY_RADIUS_KM, ASN, AS_ORGANIZATION, ISP, IP_USER_TYPE, IP_ORGANIZATION,
      COMPANY, COMPANY_DOMAIN, INDUSTRY, EMPLOYEES, EMPLOYEE_RANGE, REVENUE, FOUNDED_YEAR, COMPANY_COUNTRY,
      COMPANY_CITY, LINKEDIN_URL, LANGUAGE, BROWSER, OS, DEVICE, REFERRER, UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN,
      UTM_TERM, UTM_CONTENT);
}
