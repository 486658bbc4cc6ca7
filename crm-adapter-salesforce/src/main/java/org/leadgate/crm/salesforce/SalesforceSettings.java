package org.leadgate.crm.salesforce;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.leadgate.config.ConfigNode;
import org.leadgate.crm.salesforce.auth.AuthSettings;
import org.leadgate.crm.salesforce.bulk.BulkSettings;
import org.leadgate.crm.salesforce.collections.CollectionWriter;
import org.leadgate.crm.salesforce.collections.DuplicatePolicy;
import org.leadgate.crm.salesforce.consent.ConsentSettings;
import org.leadgate.crm.salesforce.mapping.MappingSettings;

/**
 * The adapter's settings, read from {@code crm.settings}; unknown keys and bad values stop startup naming the key.
 *
 * @param apiVersion the pinned REST API version, at least 52.0 (collections upsert: 46, duplicate rule header: 52)
 * @param timeout connect, read and whole-call timeout of one HTTP call
 * @param externalIdField the Lead's external id field that holds the LeadGate lead id
 * @param autoAssign the {@code Sforce-Auto-Assign} header: {@code TRUE}, {@code FALSE} or an assignment rule id
 * @param batchSize leads per collection call and per {@code deliverAll} from the worker
 * @param linger how long the worker may hold back fresh leads to fill a batch
 * @param maxDailyShare the share of the daily API allowance after which the adapter pauses
 */
record SalesforceSettings(AuthSettings auth, String apiVersion, Duration timeout, String externalIdField,
    String autoAssign, int batchSize, Duration linger, DuplicatePolicy duplicates, double maxDailyShare,
    MappingSettings mapping, ConsentSettings consent, BulkSettings bulk) {
  static final String DEFAULT_API_VERSION = "62.0";
  static final String DEFAULT_EXTERNAL_ID_FIELD = "LeadGate_Id__c";
  static final double DEFAULT_MAX_DAILY_SHARE = 0.8;
  private static final int MIN_API_VERSION = 52;
  private static final Pattern API_VERSION = Pattern.compile("(\\d{2,3})\\.0");
  private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
  private static final Pattern ASSIGNMENT_RULE_ID = Pattern.compile("01Q[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?");

  SalesforceSettings {
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(consent, "consent");
    Objects.requireNonNull(bulk, "bulk");
  }

  static SalesforceSettings from(ConfigNode settings) {
    settings.allowOnly("loginUrl", "apiVersion", "timeout", "auth", "externalIdField", "autoAssign", "batch",
        "duplicates", "limits", "fields", "fieldLengths", "defaults", "picklists", "stageStatus", "scoring",
        "provenanceField", "consent", "bulk", "outboundMessages", "webToLead");
    String apiVersion = settings.string("apiVersion", DEFAULT_API_VERSION);
    var version = API_VERSION.matcher(apiVersion);
    if (!version.matches() || Integer.parseInt(version.group(1)) < MIN_API_VERSION) {
      throw settings.error("apiVersion", "must be a version like \"62.0\", at least " + MIN_API_VERSION
          + ".0, but was '" + apiVersion + "'");
    }
    Duration timeout = settings.duration("timeout", Duration.ofSeconds(60));
    if (timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw settings.error("timeout", "must be more than 0 and at most 10m");
    }
    String externalIdField = settings.string("externalIdField", DEFAULT_EXTERNAL_ID_FIELD);
    if (!API_NAME.matcher(externalIdField).matches()) {
      throw settings.error("externalIdField", "must be a Salesforce field API name but was '" + externalIdField + "'");
    }
    String autoAssign = settings.string("autoAssign", "TRUE");
    if (!autoAssign.equals("TRUE") && !autoAssign.equals("FALSE") && !ASSIGNMENT_RULE_ID.matcher(autoAssign).matches()) {
      throw settings.error("autoAssign", "must be TRUE, FALSE or an assignment rule id (01Q…) but was '"
          + autoAssign + "'");
    }
    ConfigNode batch = settings.section("batch").allowOnly("size", "linger");
    ConfigNode limits = settings.section("limits").allowOnly("maxDailyShare");
    return new SalesforceSettings(
        AuthSettings.from(settings),
        apiVersion,
        timeout,
        externalIdField,
        autoAssign,
        batch.integer("size", CollectionWriter.MAX_RECORDS, 1, CollectionWriter.MAX_RECORDS),
        batch.duration("linger", Duration.ofSeconds(2)),
        DuplicatePolicy.from(settings, "duplicates", DuplicatePolicy.REJECT),
        share(limits, "maxDailyShare"),
        MappingSettings.from(settings),
        ConsentSettings.from(settings),
        BulkSettings.from(settings));
  }

  private static double share(ConfigNode limits, String key) {
    String text = limits.string(key, String.valueOf(DEFAULT_MAX_DAILY_SHARE));
    double share;
    try {
      share = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw limits.error(key, "must be a number between 0 and 1 but was '" + text + "'");
    }
    if (!(share > 0 && share <= 1)) {
      throw limits.error(key, "must be more than 0 and at most 1 but was " + text);
    }
    return share;
  }
}
