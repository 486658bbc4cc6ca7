package org.leadgate.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records of an emulated org and the rules a save goes through, after the Salesforce docs: a schema per object
 * (unknown fields fail the whole request with {@code INVALID_FIELD}), required fields on create, field lengths,
 * email format, restricted picklists, references, unique external ids, one validation rule (Lead PostalCode
 * {@code 00000}), locked rows on request and a Lead duplicate rule matching on Email. Collections answer one result
 * per record in order, with {@code created} for upserts; errors carry {@code statusCode}.
 */
final class EmulatedOrg {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String LEAD_EXTERNAL_ID = "LeadGate_Id__c";
  static final String CONSENT_EXTERNAL_ID = "LeadGate_Key__c";
  static final Map<String, String> PURPOSES = Map.of("Marketing", "0ZW5j0000004C1aGAE", "Sales", "0ZW5j0000004C1bGAE");

  /** How the Lead duplicate rule (match on Email) acts. */
  enum DuplicateRule { OFF, ALERT, BLOCK }

  /** A whole request Salesforce refuses, such as an unknown field. */
  static final class RequestRefused extends RuntimeException {
    final int status;
    final String code;

    RequestRefused(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }

    String body() {
      ArrayNode errors = JSON.createArrayNode();
      errors.addObject().put("message", getMessage()).put("errorCode", code);
      return errors.toString();
    }
  }

  private record Field(String kind, int length, List<String> values, String target) {
    static Field parse(String spec) {
      String[] parts = spec.split(":", 2);
      return switch (parts[0]) {
        case "text", "email", "ext" -> new Field(parts[0], Integer.parseInt(parts[1]), List.of(), null);
        case "pick" -> new Field("pick", 255, List.of(parts[1].split("\\|")), null);
        case "ref" -> new Field("ref", 18, List.of(), parts[1]);
        default -> new Field(parts[0], 0, List.of(), null);
      };
    }
  }

  private static final String CONTACT_POINT_TYPES = "pick:Email|Phone|MailingAddress|Social|Web";
  private static final Map<String, Map<String, Field>> SCHEMA = Map.of(
      "Lead", schema("FirstName", "text:40", "LastName", "text:80", "Company", "text:255", "Email", "email:80",
          "Phone", "text:40", "MobilePhone", "text:40", "Title", "text:128", "Street", "text:255", "City", "text:40",
          "State", "text:80", "PostalCode", "text:20", "Country", "text:80",
          "CountryCode", "pick:DE|AT|CH|FR|GB|US|NL|IT|ES", "Website", "text:255", "Description", "text:32000",
          "Status", "pick:Open - Not Contacted|Working - Contacted|Closed - Converted|Closed - Not Converted",
          "LeadSource", "text:255", "HasOptedOutOfEmail", "bool", "DoNotCall", "bool", "HasOptedOutOfFax", "bool",
          "IndividualId", "ref:Individual", LEAD_EXTERNAL_ID, "ext:255", "LeadGate_Score__c", "number",
          "LeadGate_Fit__c", "number", "LeadGate_Grade__c", "text:10", "LeadGate_Reasons__c", "text:255",
          "LeadGate_MQL_At__c", "datetime", "LeadGate_SLA_Due__c", "datetime", "LeadGate_Provenance__c", "text:32768",
          "Newsletter_OptIn__c", "bool", "Newsletter_OptIn_Date__c", "date", "Budget__c", "text:255"),
      "Individual", schema("LastName", "text:80", "FirstName", "text:40", "HasOptedOutSolicit", "bool",
          CONSENT_EXTERNAL_ID, "ext:255"),
      "ContactPointEmail", schema("ParentId", "ref:Individual", "EmailAddress", "email:80", "IsPrimary", "bool",
          CONSENT_EXTERNAL_ID, "ext:255"),
      "ContactPointPhone", schema("ParentId", "ref:Individual", "TelephoneNumber", "text:40", "IsPrimary", "bool",
          CONSENT_EXTERNAL_ID, "ext:255"),
      "ContactPointTypeConsent", schema("Name", "text:255", "PartyId", "ref:Individual",
          "DataUsePurposeId", "ref:DataUsePurpose", "ContactPointType", CONTACT_POINT_TYPES,
          "CaptureContactPointType", CONTACT_POINT_TYPES, "PrivacyConsentStatus", "pick:OptIn|OptOut|Seen|NotSeen",
          "EffectiveFrom", "datetime", "EffectiveTo", "datetime", "CaptureDate", "datetime",
          "CaptureSource", "text:255", "DoubleConsentCaptureDate", "datetime", CONSENT_EXTERNAL_ID, "ext:255"),
      "DataUsePurpose", schema("Name", "text:255", "CanDataSubjectOptOut", "bool"));
  private static final Map<String, List<String>> REQUIRED = Map.of(
      "Lead", List.of("LastName", "Company"),
      "Individual", List.of("LastName"),
      "ContactPointEmail", List.of("ParentId", "EmailAddress"),
      "ContactPointPhone", List.of("ParentId", "TelephoneNumber"),
      "ContactPointTypeConsent", List.of("Name", "PartyId", "ContactPointType", "CaptureContactPointType",
          "CaptureDate", "CaptureSource"),
      "DataUsePurpose", List.of("Name"));
  private static final Map<String, String> PREFIX = Map.of("Lead", "00Q", "Individual", "0PK",
      "ContactPointEmail", "9CE", "ContactPointPhone", "0OW", "ContactPointTypeConsent", "0ZY",
      "DataUsePurpose", "0ZW");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern SALESFORCE_ID = Pattern.compile("[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?");

  private final Map<String, Map<String, ObjectNode>> records = new HashMap<>();
  private final Map<String, Map<String, String>> externalIndex = new HashMap<>();
  private final Set<String> lockedOnce = new HashSet<>();
  private final Map<String, Integer> saves = new HashMap<>();
  private DuplicateRule duplicateRule = DuplicateRule.OFF;
  private int sequence;

  EmulatedOrg() {
    PURPOSES.forEach((name, id) -> store("DataUsePurpose", id, Map.of("Name", name, "CanDataSubjectOptOut", true)));
  }

  void duplicateRule(DuplicateRule rule) {
    duplicateRule = rule;
  }

  /** The next save of this Lead (by external id) fails with {@code UNABLE_TO_LOCK_ROW}. */
  void lockOnce(String leadExternalId) {
    lockedOnce.add(leadExternalId);
  }

  /** Stores a record as if created in Salesforce, returning its id. */
  String seed(String type, Map<String, Object> values) {
    String id = newId(type);
    store(type, id, values);
    return id;
  }

  List<ObjectNode> records(String type) {
    return List.copyOf(records.getOrDefault(type, Map.of()).values());
  }

  Optional<ObjectNode> byId(String type, String id) {
    return Optional.ofNullable(records.getOrDefault(type, Map.of()).get(id));
  }

  /** How often a request saved the record with this id. */
  int saves(String id) {
    return saves.getOrDefault(id, 0);
  }

  Optional<ObjectNode> byExternalId(String type, String field, String value) {
    return Optional.ofNullable(externalIndex.getOrDefault(type + "." + field, Map.of()).get(value))
        .flatMap(id -> byId(type, id));
  }

  // ---- collections ----

  /** {@code PATCH composite/sobjects/<type>/<field>}. */
  String upsertCollection(String type, String externalField, JsonNode body, boolean allowSave) {
    Field key = schemaOf(type).get(externalField);
    if (key == null || !key.kind().equals("ext")) {
      throw new RequestRefused(404, "NOT_FOUND",
          "Provided external ID field does not exist or is not accessible: " + externalField);
    }
    List<ObjectNode> input = records(body, type);
    return collection(body, input, true, record -> {
      String value = record.path(externalField).asText("");
      if (value.isEmpty()) {
        return Result.failed(error("MISSING_ARGUMENT", externalField + " not specified", externalField));
      }
      Optional<ObjectNode> existing = byExternalId(type, externalField, value);
      return save(type, existing.map(r -> r.path("Id").asText()).orElse(null), record, allowSave, true);
    });
  }

  /** {@code PATCH composite/sobjects}: records of any type carrying {@code Id}. */
  String updateCollection(JsonNode body, boolean allowSave) {
    List<ObjectNode> input = records(body, null);
    return collection(body, input, false, record -> {
      String type = record.path("attributes").path("type").asText();
      String id = record.path("Id").asText("");
      if (!SALESFORCE_ID.matcher(id).matches()) {
        return Result.failed(error("MALFORMED_ID", "Id: id value of incorrect type: " + id, "Id"));
      }
      if (byId(type, id).isEmpty()) {
        return Result.failed(error("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
      }
      return save(type, id, record, allowSave, false);
    });
  }

  private interface Saver {
    Result save(ObjectNode record);
  }

  /** One write's result: the record id (and created flag), or the errors. */
  record Result(String id, boolean created, List<ObjectNode> errors) {
    static Result failed(ObjectNode error) {
      return new Result(null, false, List.of(error));
    }

    ObjectNode json(boolean withCreated) {
      ObjectNode json = JSON.createObjectNode();
      if (id != null) {
        json.put("id", id);
      }
      json.put("success", errors.isEmpty());
      json.putArray("errors").addAll(errors);
      if (withCreated && errors.isEmpty()) {
        json.put("created", created);
      }
      return json;
    }
  }

  private String collection(JsonNode body, List<ObjectNode> input, boolean upsert, Saver saver) {
    boolean allOrNone = body.path("allOrNone").asBoolean(false);
    ArrayNode results = JSON.createArrayNode();
    if (!allOrNone) {
      input.forEach(record -> results.add(saver.save(record).json(upsert)));
      return results.toString();
    }
    Map<String, Map<String, ObjectNode>> before = deepCopy(records);
    Map<String, Map<String, String>> indexBefore = new HashMap<>();
    externalIndex.forEach((k, v) -> indexBefore.put(k, new HashMap<>(v)));
    List<Result> all = input.stream().map(saver::save).toList();
    if (all.stream().allMatch(result -> result.errors().isEmpty())) {
      all.forEach(result -> results.add(result.json(upsert)));
      return results.toString();
    }
    records.clear();
    records.putAll(before);
    externalIndex.clear();
    externalIndex.putAll(indexBefore);
    for (Result result : all) {
      results.add(new Result(null, false, result.errors().isEmpty()
          ? List.of(error("ALL_OR_NONE_OPERATION_ROLLED_BACK",
              "Record rolled back because not all records were valid and the request was using AllOrNone header"))
          : result.errors()).json(false));
    }
    return results.toString();
  }

  /** Checks a request's records before any is saved: at most 200, known object and fields, right JSON types. */
  private List<ObjectNode> records(JsonNode body, String type) {
    JsonNode list = body.path("records");
    if (!list.isArray()) {
      throw new RequestRefused(400, "JSON_PARSER_ERROR", "Expected records array");
    }
    if (list.size() > 200) {
      throw new RequestRefused(400, "EXCEEDED_ID_LIMIT",
          "record limit reached. cannot submit more than 200 records into this call");
    }
    List<ObjectNode> input = new ArrayList<>();
    for (JsonNode record : list) {
      String recordType = record.path("attributes").path("type").asText("");
      if (type != null && !recordType.isEmpty() && !recordType.equals(type)) {
        throw new RequestRefused(400, "INVALID_TYPE", "Record type " + recordType + " does not match " + type);
      }
      String actual = type != null ? type : recordType;
      Map<String, Field> schema = schemaOf(actual);
      record.fieldNames().forEachRemaining(name -> {
        if (name.equals("attributes") || name.equals("Id")) {
          return;
        }
        Field field = schema.get(name);
        if (field == null) {
          throw new RequestRefused(400, "INVALID_FIELD", "No such column '" + name + "' on sobject of type " + actual);
        }
        JsonNode value = record.get(name);
        boolean wrongType = !value.isNull() && switch (field.kind()) {
          case "bool" -> !value.isBoolean();
          case "number" -> !value.isNumber();
          default -> !value.isTextual();
        };
        if (wrongType) {
          throw new RequestRefused(400, "JSON_PARSER_ERROR",
              "Cannot deserialize value of " + name + " from " + value.getNodeType());
        }
      });
      input.add((ObjectNode) record);
    }
    return input;
  }

  private Map<String, Field> schemaOf(String type) {
    Map<String, Field> schema = SCHEMA.get(type);
    if (schema == null) {
      throw new RequestRefused(404, "NOT_FOUND", "The requested resource does not exist");
    }
    return schema;
  }

  /**
   * Saves one record: {@code id} null creates it. Runs the checks in Salesforce's order (required, formats, lengths,
   * picklists, references, validation rule, duplicate rule).
   */
  Result save(String type, String id, ObjectNode input, boolean allowSave, boolean upsert) {
    Map<String, Field> schema = schemaOf(type);
    ObjectNode merged = id == null ? JSON.createObjectNode() : byId(type, id).orElseThrow().deepCopy();
    input.properties().forEach(entry -> {
      if (!entry.getKey().equals("attributes") && !entry.getKey().equals("Id")) {
        merged.set(entry.getKey(), entry.getValue());
      }
    });
    String lockKey = merged.path(LEAD_EXTERNAL_ID).asText(id == null ? "" : id);
    if (type.equals("Lead") && lockedOnce.remove(lockKey)) {
      return Result.failed(error("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record"));
    }
    if (id == null) {
      List<String> missing = REQUIRED.get(type).stream()
          .filter(name -> merged.path(name).asText("").isBlank()).toList();
      if (!missing.isEmpty()) {
        return Result.failed(error("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing,
            missing.toArray(String[]::new)));
      }
    }
    for (Map.Entry<String, Field> entry : schema.entrySet()) {
      String name = entry.getKey();
      Field field = entry.getValue();
      JsonNode value = merged.get(name);
      if (value == null || value.isNull() || !input.has(name)) {
        continue;
      }
      String text = value.asText();
      if (field.kind().equals("email") && !EMAIL.matcher(text).matches()) {
        return Result.failed(error("INVALID_EMAIL_ADDRESS", name + ": invalid email address: " + text, name));
      }
      if (field.length() > 0 && text.length() > field.length()) {
        return Result.failed(error("STRING_TOO_LONG", name + ": data value too large (max length=" + field.length()
            + ")", name));
      }
      if (field.kind().equals("pick") && !field.values().contains(text)) {
        return Result.failed(error("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
            name + ": bad value for restricted picklist field: " + text, name));
      }
      if (field.kind().equals("ref") && byId(field.target(), text).isEmpty()) {
        return Result.failed(error("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", name));
      }
      if (field.kind().equals("ext")) {
        Optional<ObjectNode> holder = byExternalId(type, name, text);
        if (holder.isPresent() && !holder.get().path("Id").asText().equals(id)) {
          return Result.failed(error("DUPLICATE_VALUE", "duplicate value found: " + name
              + " duplicates value on record with id: " + holder.get().path("Id").asText(), name));
        }
      }
    }
    if (type.equals("Lead") && "00000".equals(merged.path("PostalCode").asText())) {
      return Result.failed(error("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Enter a valid postal code for the country",
          "PostalCode"));
    }
    if (type.equals("Lead") && duplicateRule != DuplicateRule.OFF
        && (duplicateRule == DuplicateRule.BLOCK || !allowSave)) {
      List<String> matches = leadsWithEmail(merged.path("Email").asText(""), id);
      if (!matches.isEmpty()) {
        return Result.failed(duplicate(matches));
      }
    }
    boolean created = id == null;
    String saved = created ? newId(type) : id;
    Map<String, Object> values = new LinkedHashMap<>();
    merged.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue()));
    store(type, saved, values);
    saves.merge(saved, 1, Integer::sum);
    return new Result(saved, created, List.of());
  }

  private List<String> leadsWithEmail(String email, String exceptId) {
    if (email.isBlank()) {
      return List.of();
    }
    return records.getOrDefault("Lead", Map.of()).values().stream()
        .filter(lead -> lead.path("Email").asText("").equalsIgnoreCase(email))
        .map(lead -> lead.path("Id").asText())
        .filter(found -> !found.equals(exceptId))
        .toList();
  }

  /** The error of the Standard Lead duplicate rule, with its match results. */
  private ObjectNode duplicate(List<String> matches) {
    ObjectNode error = error(EmulatedOrg.DUPLICATES, "Use one of these records?");
    ObjectNode result = error.putObject("duplicateResult")
        .put("allowSave", duplicateRule == DuplicateRule.ALERT)
        .put("duplicateRule", "Standard_Lead_Duplicate_Rule")
        .put("duplicateRuleEntityType", "Lead")
        .put("errorMessage", "Use one of these records?");
    ObjectNode match = result.putArray("matchResults").addObject()
        .put("entityType", "Lead").put("matchEngine", "ExactMatchEngine").put("rule", "Standard_Lead_Match_Rule_v1_0")
        .put("size", matches.size()).put("success", true);
    match.putArray("errors");
    ArrayNode matchRecords = match.putArray("matchRecords");
    for (int i = 0; i < matches.size(); i++) {
      ObjectNode record = matchRecords.addObject().put("matchConfidence", 100.0 - i);
      record.putArray("additionalInformation");
      record.putArray("fieldDiffs");
      record.putObject("record").put("Id", matches.get(i))
          .putObject("attributes").put("type", "Lead").put("url", "/services/data/v62.0/sobjects/Lead/" + matches.get(i));
    }
    return error;
  }

  static final String DUPLICATES = "DUPLICATES_DETECTED";

  static ObjectNode error(String code, String message, String... fields) {
    ObjectNode error = JSON.createObjectNode().put("statusCode", code).put("message", message);
    ArrayNode list = error.putArray("fields");
    for (String field : fields) {
      list.add(field);
    }
    return error;
  }

  // ---- query ----

  private static final Pattern NAME_QUERY =
      Pattern.compile("SELECT Id, Name FROM (\\w+) WHERE Name IN \\((.*)\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern LITERAL = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");

  /** {@code SELECT Id, Name FROM <Object> WHERE Name IN ('a', 'b')}, the only SOQL the adapter sends. */
  String query(String soql) {
    Matcher matcher = NAME_QUERY.matcher(soql == null ? "" : soql.trim());
    if (!matcher.matches()) {
      throw new RequestRefused(400, "MALFORMED_QUERY", "unexpected token in query");
    }
    String type = matcher.group(1);
    schemaOf(type);
    Set<String> names = new HashSet<>();
    Matcher literal = LITERAL.matcher(matcher.group(2));
    while (literal.find()) {
      names.add(literal.group(1).replace("\\'", "'").replace("\\\\", "\\"));
    }
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode found = JSON.createArrayNode();
    for (ObjectNode record : records(type)) {
      if (names.contains(record.path("Name").asText())) {
        ObjectNode row = found.addObject();
        row.putObject("attributes").put("type", type).put("url", "/services/data/v62.0/sobjects/" + type + "/"
            + record.path("Id").asText());
        row.put("Id", record.path("Id").asText()).put("Name", record.path("Name").asText());
      }
    }
    answer.put("totalSize", found.size()).put("done", true).set("records", found);
    return answer.toString();
  }

  // ---- storage ----

  private String newId(String type) {
    sequence++;
    return PREFIX.get(type) + String.format(Locale.ROOT, "%012d", sequence) + "AAA";
  }

  private void store(String type, String id, Map<String, ?> values) {
    ObjectNode record = JSON.createObjectNode();
    record.putObject("attributes").put("type", type).put("url", "/services/data/v62.0/sobjects/" + type + "/" + id);
    record.put("Id", id);
    values.forEach((name, value) -> {
      if (!name.equals("attributes") && !name.equals("Id")) {
        record.set(name, JSON.valueToTree(value));
      }
    });
    Map<String, ObjectNode> ofType = records.computeIfAbsent(type, t -> new LinkedHashMap<>());
    ObjectNode previous = ofType.put(id, record);
    SCHEMA.get(type).forEach((name, field) -> {
      if (field.kind().equals("ext")) {
        Map<String, String> index = externalIndex.computeIfAbsent(type + "." + name, k -> new HashMap<>());
        if (previous != null && previous.hasNonNull(name)) {
          index.remove(previous.path(name).asText());
        }
        if (record.hasNonNull(name)) {
          index.put(record.path(name).asText(), id);
        }
      }
    });
  }

  /** Converts a CSV cell to the field's JSON type ({@code #N/A} is null); empty cells are left out. */
  static Optional<JsonNode> cell(String type, String name, String text) {
    Field field = SCHEMA.get(type).get(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.equals("#N/A")) {
      return Optional.of(JSON.nullNode());
    }
    if (field != null && field.kind().equals("bool")) {
      return Optional.of(JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(text)));
    }
    if (field != null && field.kind().equals("number")) {
      return Optional.of(JSON.getNodeFactory().numberNode(Double.parseDouble(text)));
    }
    return Optional.of(JSON.getNodeFactory().textNode(text));
  }

  static boolean hasField(String type, String name) {
    return name.equals("Id") || SCHEMA.get(type).containsKey(name);
  }

  private static Map<String, Field> schema(String... namesAndSpecs) {
    Map<String, Field> schema = new LinkedHashMap<>();
    for (int i = 0; i < namesAndSpecs.length; i += 2) {
      schema.put(namesAndSpecs[i], Field.parse(namesAndSpecs[i + 1]));
    }
    return schema;
  }

  private static Map<String, Map<String, ObjectNode>> deepCopy(Map<String, Map<String, ObjectNode>> source) {
    Map<String, Map<String, ObjectNode>> copy = new HashMap<>();
    source.forEach((type, byId) -> {
      Map<String, ObjectNode> records = new LinkedHashMap<>();
      byId.forEach((id, record) -> records.put(id, record.deepCopy()));
      copy.put(type, records);
    });
    return copy;
  }
}
