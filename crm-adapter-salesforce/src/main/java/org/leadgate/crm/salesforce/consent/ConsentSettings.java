package org.leadgate.crm.salesforce.consent;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.leadgate.config.ConfigNode;
import org.leadgate.consent.Channel;

/**
 * {@code crm.settings.consent}.
 *
 * @param checkboxes channel and purpose to a checkbox field, true while it is permitted
 * @param dates channel and purpose to a date field, the lead's capture date while permitted, cleared otherwise
 * @param externalIdField full mode: the external id field on Individual, ContactPointEmail, ContactPointPhone and
 *     ContactPointTypeConsent
 * @param purposes full mode: LeadGate purpose to a DataUsePurpose Name (looked up once) or Id ({@code 0ZW…})
 * @param captureSource full mode: CaptureSource text; {@code {formId}} is replaced by the lead's form
 */
public record ConsentSettings(Mode mode, Map<Permit, String> checkboxes, Map<Permit, String> dates,
    String externalIdField, Map<String, String> purposes, String captureSource) {
  public static final String DEFAULT_EXTERNAL_ID_FIELD = "LeadGate_Key__c";
  public static final String DEFAULT_CAPTURE_SOURCE = "LeadGate form {formId}";
  private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

  public ConsentSettings {
    Objects.requireNonNull(mode, "mode");
    checkboxes = Collections.unmodifiableMap(new LinkedHashMap<>(checkboxes));
    dates = Collections.unmodifiableMap(new LinkedHashMap<>(dates));
    Objects.requireNonNull(externalIdField, "externalIdField");
    purposes = Collections.unmodifiableMap(new LinkedHashMap<>(purposes));
    Objects.requireNonNull(captureSource, "captureSource");
  }

  /** How much consent goes to Salesforce. */
  public enum Mode {
    /** Flags on the Lead only. */
    SIMPLE,
    /** Flags on the Lead and the consent objects. */
    FULL;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A channel and purpose, written {@code email.newsletter} in configuration. */
  public record Permit(Channel channel, String purpose) {
    public Permit {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(purpose, "purpose");
    }
  }

  public static ConsentSettings from(ConfigNode settings) {
    ConfigNode consent = settings.section("consent")
        .allowOnly("mode", "checkboxes", "dates", "externalIdField", "purposes", "captureSource");
    String modeText = consent.string("mode", Mode.SIMPLE.id());
    Mode mode = Arrays.stream(Mode.values()).filter(m -> m.id().equals(modeText)).findFirst()
        .orElseThrow(() -> consent.error("mode", "must be simple or full but was '" + modeText + "'"));
    if (mode == Mode.SIMPLE) {
      for (String key : new String[] {"externalIdField", "purposes", "captureSource"}) {
        if (consent.has(key)) {
          throw consent.error(key, "is only used with mode: full");
        }
      }
    }
    Map<String, String> purposes = consent.stringMap("purposes");
    if (mode == Mode.FULL && purposes.isEmpty()) {
      throw consent.error("purposes", "is required with mode: full (LeadGate purpose: DataUsePurpose Name or Id)");
    }
    purposes.forEach((purpose, target) -> {
      if (target.isBlank()) {
        throw consent.section("purposes").error(purpose, "must name a DataUsePurpose (Name or Id)");
      }
    });
    return new ConsentSettings(mode, fieldsByPermit(consent, "checkboxes"), fieldsByPermit(consent, "dates"),
        apiName(consent, "externalIdField", consent.string("externalIdField", DEFAULT_EXTERNAL_ID_FIELD)),
        purposes, consent.string("captureSource", DEFAULT_CAPTURE_SOURCE));
  }

  private static Map<Permit, String> fieldsByPermit(ConfigNode consent, String key) {
    ConfigNode section = consent.section(key);
    Map<Permit, String> fields = new LinkedHashMap<>();
    consent.stringMap(key).forEach((permit, field) -> {
      String[] parts = permit.split("\\.", 2);
      Channel channel = Channel.parse(parts[0]).orElseThrow(() -> section.error(permit,
          "must be <channel>.<purpose> with a channel of " + Arrays.stream(Channel.values()).map(Channel::id)
              .collect(Collectors.joining(", "))));
      if (parts.length < 2 || parts[1].isBlank()) {
        throw section.error(permit, "must be <channel>.<purpose>, for example email.newsletter");
      }
      fields.put(new Permit(channel, parts[1]), apiName(section, permit, field));
    });
    return fields;
  }

  private static String apiName(ConfigNode section, String key, String api) {
    if (!API_NAME.matcher(api).matches()) {
      throw section.error(key, "must be a Salesforce field API name but was '" + api + "'");
    }
    return api;
  }
}
