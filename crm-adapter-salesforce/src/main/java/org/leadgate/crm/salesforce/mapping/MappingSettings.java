package org.leadgate.crm.salesforce.mapping;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.leadgate.config.ConfigNode;

/**
 * How lead fields become Salesforce Lead fields, read from {@code crm.settings}: {@code fields},
 * {@code fieldLengths}, {@code defaults}, {@code picklists}, {@code stageStatus}, {@code scoring} and
 * {@code provenanceField}.
 *
 * @param fields lead field name to Lead API name, in configuration order
 * @param lengths API name to its length; standard fields have theirs by default
 * @param defaults API name to the value written when the lead has none (Company and LastName are required)
 * @param picklists API name to a map from lead value (lower case) to picklist value
 * @param stageStatus LeadGate stage id to Lead {@code Status} value
 * @param scoring score parts to API names
 * @param provenanceField the long text field that receives where each value came from, as JSON
 */
public record MappingSettings(Map<String, String> fields, Map<String, Integer> lengths, Map<String, String> defaults,
    Map<String, Map<String, String>> picklists, Map<String, String> stageStatus, Map<ScoreField, String> scoring,
    Optional<String> provenanceField) {
  /** Standard Lead field lengths (Salesforce field reference). */
  public static final Map<String, Integer> STANDARD_LENGTHS = Map.ofEntries(
      Map.entry("FirstName", 40), Map.entry("LastName", 80), Map.entry("Company", 255), Map.entry("Email", 80),
      Map.entry("Phone", 40), Map.entry("MobilePhone", 40), Map.entry("Fax", 40), Map.entry("Title", 128),
      Map.entry("Street", 255), Map.entry("City", 40), Map.entry("State", 80), Map.entry("PostalCode", 20),
      Map.entry("Country", 80), Map.entry("Website", 255), Map.entry("Description", 32000));
  /** The lead fields of the default form and enrichment, when {@code fields} is not configured. */
  public static final Map<String, String> DEFAULT_FIELDS = Collections.unmodifiableMap(orderedMap(
      "firstName", "FirstName", "lastName", "LastName", "email", "Email", "company", "Company", "phone", "Phone",
      "jobTitle", "Title", "website", "Website", "city", "City", "postalCode", "PostalCode", "region", "State",
      "country", "Country", "message", "Description"));
  public static final String NOT_PROVIDED = "[not provided]";
  /** The length of a new long text area, used for the provenance field unless {@code fieldLengths} names it. */
  static final int LONG_TEXT_LENGTH = 32768;

  private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
  private static final Pattern LEAD_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  public MappingSettings {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    lengths = Map.copyOf(lengths);
    defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    picklists = Map.copyOf(picklists);
    stageStatus = Map.copyOf(stageStatus);
    scoring = Collections.unmodifiableMap(
        scoring.isEmpty() ? new EnumMap<>(ScoreField.class) : new EnumMap<>(scoring));
  }

  public static MappingSettings from(ConfigNode settings) {
    Map<String, String> fields = settings.has("fields") ? settings.stringMap("fields") : DEFAULT_FIELDS;
    fields.forEach((lead, api) -> {
      if (!LEAD_FIELD.matcher(lead).matches()) {
        throw settings.section("fields").error(lead, "is not a lead field name");
      }
      apiName(settings.section("fields"), lead, api);
    });

    Map<String, Integer> lengths = new TreeMap<>(STANDARD_LENGTHS);
    ConfigNode lengthSection = settings.section("fieldLengths");
    settings.stringMap("fieldLengths").forEach((api, text) -> {
      apiName(lengthSection, api, api);
      lengths.put(api, lengthSection.integer(api, 0, 1, 131_072));
    });

    Map<String, String> defaults = orderedMap("Company", NOT_PROVIDED, "LastName", NOT_PROVIDED);
    settings.stringMap("defaults").forEach((api, value) -> {
      apiName(settings.section("defaults"), api, api);
      defaults.put(api, value);
    });

    Map<String, String> stageStatus = settings.stringMap("stageStatus");
    Optional<String> provenanceField = settings.optionalString("provenanceField");
    provenanceField.ifPresent(api -> apiName(settings, "provenanceField", api));
    provenanceField.filter(api -> !lengths.containsKey(api)).ifPresent(api -> lengths.put(api, LONG_TEXT_LENGTH));
    return new MappingSettings(fields, lengths, defaults, picklists(settings), stageStatus, scoring(settings),
        provenanceField);
  }

  /** {@code picklists: [{field: CountryCode, values: {Deutschland: DE}}]}; lead values match ignoring case. */
  private static Map<String, Map<String, String>> picklists(ConfigNode settings) {
    Map<String, Map<String, String>> picklists = new TreeMap<>();
    for (ConfigNode item : settings.list("picklists")) {
      item.allowOnly("field", "values");
      String field = apiName(item, "field", item.string("field"));
      Map<String, String> values = new TreeMap<>();
      item.stringMap("values").forEach((from, to) -> values.put(from.trim().toLowerCase(Locale.ROOT), to));
      if (values.isEmpty()) {
        throw item.error("values", "must map at least one lead value to a picklist value");
      }
      if (picklists.put(field, values) != null) {
        throw item.error("field", "'" + field + "' has a picklist map already");
      }
    }
    return picklists;
  }

  private static Map<ScoreField, String> scoring(ConfigNode settings) {
    ConfigNode section = settings.section("scoring").allowOnly(ScoreField.keys());
    Map<ScoreField, String> scoring = new EnumMap<>(ScoreField.class);
    settings.stringMap("scoring").forEach((key, api) ->
        scoring.put(ScoreField.parse(key).orElseThrow(), apiName(section, key, api)));
    return scoring;
  }

  private static String apiName(ConfigNode section, String key, String api) {
    if (!API_NAME.matcher(api).matches()) {
      throw section.error(key, "must be a Salesforce field API name (letters, digits, '_') but was '" + api + "'");
    }
    return api;
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
