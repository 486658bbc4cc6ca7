package org.leadgate.enrichment.geoip;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import java.util.List;

/**
 * The parts of a GeoIP2 City, Enterprise or Country record (or a DB-IP one in their structure) that become
 * enrichment fields, decoded straight from the database: only English names and the fields mapped, so the reader skips
 * the other languages and records instead of decoding them (twice as many lookups per second as the geoip2 models).
 * ASN and ISP records are a {@link Network} at their top level.
 * Web-service answers are turned into one too, so that one mapping serves all. Any part may be null (absent).
 */
public record LocationRecord(Place city, Place country, List<Place> subdivisions, PostalCode postal,
    Position location, Network traits) {

  @MaxMindDbConstructor
  public LocationRecord(
      @MaxMindDbParameter(name = "city") Place city,
      @MaxMindDbParameter(name = "country") Place country,
      @MaxMindDbParameter(name = "subdivisions") List<Place> subdivisions,
      @MaxMindDbParameter(name = "postal") PostalCode postal,
      @MaxMindDbParameter(name = "location") Position location,
      @MaxMindDbParameter(name = "traits") Network traits) {
    this.city = city;
    this.country = country;
    this.subdivisions = subdivisions == null ? List.of() : List.copyOf(subdivisions);
    this.postal = postal;
    this.location = location;
    this.traits = traits;
  }

  /** A place's English name. */
  public record Names(String en) {
    @MaxMindDbConstructor
    public Names(@MaxMindDbParameter(name = "en") String en) {
      this.en = en;
    }
  }

  /** A city, country or subdivision; {@code confidence} (0-100) only in Enterprise and Insights data. */
  public record Place(Names names, String isoCode, Integer confidence) {
    @MaxMindDbConstructor
    public Place(
        @MaxMindDbParameter(name = "names") Names names,
        @MaxMindDbParameter(name = "iso_code") String isoCode,
        @MaxMindDbParameter(name = "confidence") Integer confidence) {
      this.names = names;
      this.isoCode = isoCode;
      this.confidence = confidence;
    }

    String name() {
      return names == null ? null : names.en();
    }
  }

  public record PostalCode(String code, Integer confidence) {
    @MaxMindDbConstructor
    public PostalCode(
        @MaxMindDbParameter(name = "code") String code,
        @MaxMindDbParameter(name = "confidence") Integer confidence) {
      this.code = code;
      this.confidence = confidence;
    }
  }

  public record Position(Double latitude, Double longitude, Integer accuracyRadius, String timeZone) {
    @MaxMindDbConstructor
    public Position(
        @MaxMindDbParameter(name = "latitude") Double latitude,
        @MaxMindDbParameter(name = "longitude") Double longitude,
        @MaxMindDbParameter(name = "accuracy_radius") Integer accuracyRadius,
        @MaxMindDbParameter(name = "time_zone") String timeZone) {
      this.latitude = latitude;
      this.longitude = longitude;
      this.accuracyRadius = accuracyRadius;
      this.timeZone = timeZone;
    }
  }

  /** Who uses the network: the autonomous system, ISP and organisation, and its user type (Enterprise, Insights). */
  public record Network(Long autonomousSystemNumber, String autonomousSystemOrganization, String isp,
      String organization, String userType) {
    @MaxMindDbConstructor
    public Network(
        @MaxMindDbParameter(name = "autonomous_system_number") Long autonomousSystemNumber,
        @MaxMindDbParameter(name = "autonomous_system_organization") String autonomousSystemOrganization,
        @MaxMindDbParameter(name = "isp") String isp,
        @MaxMindDbParameter(name = "organization") String organization,
        @MaxMindDbParameter(name = "user_type") String userType) {
      this.autonomousSystemNumber = autonomousSystemNumber;
      this.autonomousSystemOrganization = autonomousSystemOrganization;
      this.isp = isp;
      this.organization = organization;
      this.userType = userType;
    }
  }
}
