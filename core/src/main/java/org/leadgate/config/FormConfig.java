package org.leadgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A form that posts through LeadGate.
 *
 * @param thankYouUrl where browsers are sent after a successful submission: a path on this gateway or an absolute
 *     http(s) URL
 * @param allowedOrigins origins ({@code https://www.example.de}) whose pages may post this form; pages served by
 *     the gateway itself are always allowed
 * @param consents the consent boxes of the form, one per channel and purpose
 * @param audience who the form is for; only {@code b2b} forms may rely on presumed consent for business calls
 * @param privacyNoticeUrl the privacy notice linked on the form (DSGVO Art. 13)
 * @param minimumAge where the form collects a birth date: below this age no consent is recorded (DSGVO Art. 8)
 * @param enrichment the names of the enrichment providers for this form's leads, in order; absent: all configured
 */
public record FormConfig(
    String id,
    String title,
    List<FieldConfig> fields,
    String thankYouUrl,
    List<String> allowedOrigins,
    List<FormConsentConfig> consents,
    Audience audience,
    Optional<String> privacyNoticeUrl,
    Optional<MinimumAge> minimumAge,
    Optional<List<String>> enrichment) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?");

  public FormConfig {
    fields = List.copyOf(fields);
    allowedOrigins = List.copyOf(allowedOrigins);
    consents = List.copyOf(consents);
    enrichment = enrichment.map(List::copyOf);
  }

  /** The age from which a person may consent alone, and the date field that holds the birth date. */
  public record MinimumAge(int years, String birthDateField) {}

  /** Who fills in a form. An unknown audience counts as consumers (sole traders and freelancers included). */
  public enum Audience {
    B2B,
    B2C,
    UNKNOWN
  }

  /** The first field of a type, such as the email address a consent is about. */
  public Optional<FieldConfig> firstOfType(FieldType type) {
    return fields.stream().filter(f -> f.type() == type).findFirst();
  }

  public Optional<FieldConfig> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  static FormConfig from(ConfigNode node) {
    node.allowOnly("id", "title", "fields", "thankYouUrl", "allowedOrigins", "consents", "audience",
        "privacyNoticeUrl", "minimumAge", "birthDateField", "enrichment");
    String id = node.string("id");
    if (!ID.matcher(id).matches()) {
      throw node.error("id", "must be lowercase letters, digits and '-' (at most 64) but was '" + id + "'");
    }
    List<ConfigNode> fieldNodes = node.list("fields");
    if (fieldNodes.isEmpty()) {
      throw node.error("fields", "a form needs at least one field");
    }
    Set<String> names = new HashSet<>();
    List<FieldConfig> fields = fieldNodes.stream().map(FieldConfig::from).toList();
    for (int i = 0; i < fields.size(); i++) {
      if (!names.add(fields.get(i).name())) {
        throw new ConfigException(fieldNodes.get(i).keyPath("name"),
            "field '" + fields.get(i).name() + "' is declared twice in form '" + id + "'");
      }
    }
    List<String> origins = node.stringList("allowedOrigins");
    for (int i = 0; i < origins.size(); i++) {
      if (!ORIGIN.matcher(origins.get(i)).matches()) {
        throw new ConfigException(node.keyPath("allowedOrigins") + "[" + i + "]",
            "must be an origin like https://www.example.de (scheme, host, optional port, no path) but was '"
                + origins.get(i) + "'");
      }
    }
    List<ConfigNode> consentNodes = node.list("consents");
    List<FormConsentConfig> consents = consentNodes.stream().map(FormConsentConfig::from).toList();
    for (int i = 0; i < consents.size(); i++) {
      FormConsentConfig consent = consents.get(i);
      ConfigNode at = consentNodes.get(i);
      if (names.contains(consent.field())) {
        throw at.error("field", "'" + consent.field() + "' is already a form field; a consent box needs its own");
      }
      for (int j = 0; j < i; j++) {
        if (consents.get(j).field().equals(consent.field())) {
          throw at.error("field", "consent box '" + consent.field() + "' is already used for "
              + consents.get(j).channel().id() + "/" + consents.get(j).purpose()
              + "; each channel and purpose needs its own box (DSGVO Art. 7(2), specific consent)");
        }
        if (consents.get(j).channel() == consent.channel() && consents.get(j).purpose().equals(consent.purpose())) {
          throw at.error("purpose", "the form already asks for " + consent.channel().id() + "/" + consent.purpose());
        }
      }
      FieldType needed = consent.channel() == org.leadgate.consent.Channel.EMAIL ? FieldType.EMAIL
          : consent.channel() == org.leadgate.consent.Channel.POST ? FieldType.TEXT : FieldType.PHONE;
      if (needed != FieldType.TEXT && fields.stream().noneMatch(f -> f.type() == needed)) {
        throw at.error("channel", "consent for " + consent.channel().id() + " needs a field of type "
            + needed.id() + " in the form");
      }
    }
    String audience = node.string("audience", "unknown");
    return new FormConfig(id, node.string("title", id), fields, thankYouUrl(node), origins, consents,
        switch (audience) {
          case "b2b" -> Audience.B2B;
          case "b2c" -> Audience.B2C;
          case "unknown" -> Audience.UNKNOWN;
          default -> throw node.error("audience", "must be b2b, b2c or unknown but was '" + audience + "'");
        },
        node.has("privacyNoticeUrl") ? Optional.of(node.httpUrl("privacyNoticeUrl").toString()) : Optional.empty(),
        minimumAge(node, fields),
        node.has("enrichment") ? Optional.of(node.stringList("enrichment")) : Optional.empty());
  }

  private static Optional<MinimumAge> minimumAge(ConfigNode node, List<FieldConfig> fields) {
    if (!node.has("minimumAge")) {
      return Optional.empty();
    }
    int years = node.integer("minimumAge", 16, 13, 21);
    String field = node.string("birthDateField");
    if (fields.stream().noneMatch(f -> f.name().equals(field) && f.type() == FieldType.DATE)) {
      throw node.error("birthDateField", "must name a field of type date in this form but was '" + field + "'");
    }
    return Optional.of(new MinimumAge(years, field));
  }

  private static String thankYouUrl(ConfigNode node) {
    String url = node.string("thankYouUrl", "/thanks");
    if (url.contains("\\")) {
      throw node.error("thankYouUrl", "must not contain a backslash (browsers read '/\\' like '//')");
    }
    if (url.startsWith("/") && !url.startsWith("//")) {
      return url;
    }
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw node.error("thankYouUrl", "must be a path starting with '/' or an absolute http(s) URL but was '" + url + "'");
  }
}
