package org.leadgate.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Bulk API 2.0 ingest jobs after the docs: create ({@code Open}), upload CSV, {@code UploadComplete}, then the first
 * look at the job shows {@code InProgress} and the second runs the rows through the org and shows
 * {@code JobComplete} (or {@code Failed} for a header naming an unknown field). Results are CSV with {@code sf__Id}
 * and {@code sf__Created} or {@code sf__Error} ({@code CODE:message:fields --}) before the uploaded columns.
 */
final class EmulatedBulk {
  private final EmulatedOrg org;
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private int sequence;

  private static final class Job {
    final String id;
    final String operation;
    final String externalIdField;
    final String assignmentRuleId;
    String state = "Open";
    String csv = "";
    String errorMessage;
    final List<List<String>> successful = new ArrayList<>();
    final List<List<String>> failed = new ArrayList<>();
    List<String> header = List.of();

    Job(String id, String operation, String externalIdField, String assignmentRuleId) {
      this.id = id;
      this.operation = operation;
      this.externalIdField = externalIdField;
      this.assignmentRuleId = assignmentRuleId;
    }
  }

  EmulatedBulk(EmulatedOrg org) {
    this.org = org;
  }

  int jobCount() {
    return jobs.size();
  }

  /** The assignment rule each job was created with ({@code ""} for none), in creation order. */
  List<String> assignmentRules() {
    return jobs.values().stream().map(job -> job.assignmentRuleId).toList();
  }

  String create(JsonNode body) {
    String object = body.path("object").asText();
    String operation = body.path("operation").asText();
    if (!object.equals("Lead")) {
      throw new EmulatedOrg.RequestRefused(400, "INVALIDENTITY", "Entity '" + object + "' is not supported");
    }
    if (!List.of("insert", "update", "upsert").contains(operation)) {
      throw new EmulatedOrg.RequestRefused(400, "INVALIDJOB", "Invalid operation: " + operation);
    }
    String externalIdField = body.path("externalIdFieldName").asText("");
    if (operation.equals("upsert") && !externalIdField.equals(EmulatedOrg.LEAD_EXTERNAL_ID)) {
      throw new EmulatedOrg.RequestRefused(400, "INVALIDJOB",
          "External ID field does not exist or is not accessible: " + externalIdField);
    }
    sequence++;
    Job job = new Job("7505j00000" + String.format(Locale.ROOT, "%05d", sequence) + "AAA", operation, externalIdField,
        body.path("assignmentRuleId").asText(""));
    jobs.put(job.id, job);
    return info(job).toString();
  }

  void upload(String id, String csv) {
    Job job = job(id);
    if (!job.state.equals("Open")) {
      throw new EmulatedOrg.RequestRefused(409, "INVALIDJOBSTATE", "Job is not open for uploads: " + job.state);
    }
    job.csv = csv;
  }

  String close(String id, JsonNode body) {
    Job job = job(id);
    String state = body.path("state").asText();
    if (!state.equals("UploadComplete") && !state.equals("Aborted")) {
      throw new EmulatedOrg.RequestRefused(400, "INVALIDJOBSTATE", "Invalid state: " + state);
    }
    job.state = state;
    return info(job).toString();
  }

  /** Job info; each look moves an uploaded job on: UploadComplete, InProgress, then JobComplete or Failed. */
  String look(String id) {
    Job job = job(id);
    if (job.state.equals("InProgress")) {
      run(job);
    } else if (job.state.equals("UploadComplete")) {
      job.state = "InProgress";
    }
    return info(job).toString();
  }

  String results(String id, boolean successful) {
    Job job = job(id);
    List<String> header = new ArrayList<>(List.of("sf__Id", successful ? "sf__Created" : "sf__Error"));
    header.addAll(job.header);
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    rows.addAll(successful ? job.successful : job.failed);
    return rows.stream()
        .map(row -> row.stream().map(cell -> "\"" + cell.replace("\"", "\"\"") + "\"").collect(Collectors.joining(",")))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private void run(Job job) {
    List<List<String>> rows = parse(job.csv);
    job.header = rows.isEmpty() ? List.of() : rows.get(0);
    Optional<String> unknown = job.header.stream().filter(name -> !EmulatedOrg.hasField("Lead", name)).findFirst();
    if (unknown.isPresent()) {
      job.state = "Failed";
      job.errorMessage = "InvalidBatch : Field name not found : " + unknown.get();
      return;
    }
    for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
      ObjectNode record = EmulatedOrg.JSON.createObjectNode();
      for (int i = 0; i < job.header.size(); i++) {
        String name = job.header.get(i);
        if (!name.equals("Id")) {
          EmulatedOrg.cell("Lead", name, row.get(i)).ifPresent(value -> record.set(name, value));
        }
      }
      EmulatedOrg.Result result = save(job, row, record);
      List<String> line = new ArrayList<>();
      if (result.errors().isEmpty()) {
        line.add(result.id());
        line.add(String.valueOf(result.created()));
        line.addAll(row);
        job.successful.add(line);
      } else {
        JsonNode error = result.errors().get(0);
        List<String> fields = new ArrayList<>();
        error.path("fields").forEach(field -> fields.add(field.asText()));
        line.add(result.id() == null ? "" : result.id());
        line.add(error.path("statusCode").asText() + ":" + error.path("message").asText() + ":"
            + String.join(",", fields) + " --");
        line.addAll(row);
        job.failed.add(line);
      }
    }
    job.state = "JobComplete";
  }

  private EmulatedOrg.Result save(Job job, List<String> row, ObjectNode record) {
    return switch (job.operation) {
      case "upsert" -> {
        String key = record.path(job.externalIdField).asText("");
        yield org.save("Lead", org.byExternalId("Lead", job.externalIdField, key)
            .map(existing -> existing.path("Id").asText()).orElse(null), record, false, true);
      }
      case "update" -> {
        String id = row.get(job.header.indexOf("Id"));
        yield org.byId("Lead", id).isPresent() ? org.save("Lead", id, record, false, false)
            : EmulatedOrg.Result.failed(EmulatedOrg.error("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
      }
      default -> org.save("Lead", null, record, false, false);
    };
  }

  private Job job(String id) {
    Job job = jobs.get(id);
    if (job == null) {
      throw new EmulatedOrg.RequestRefused(404, "NOT_FOUND", "The requested resource does not exist");
    }
    return job;
  }

  private static ObjectNode info(Job job) {
    ObjectNode info = EmulatedOrg.JSON.createObjectNode()
        .put("id", job.id).put("operation", job.operation).put("object", "Lead")
        .put("createdById", SalesforceEmulator.INTEGRATION_USER_ID).put("state", job.state)
        .put("concurrencyMode", "Parallel").put("contentType", "CSV").put("apiVersion", 62.0)
        .put("contentUrl", "services/data/v62.0/jobs/ingest/" + job.id + "/batches")
        .put("lineEnding", "LF").put("columnDelimiter", "COMMA")
        .put("numberRecordsProcessed", job.successful.size() + job.failed.size())
        .put("numberRecordsFailed", job.failed.size());
    if (!job.externalIdField.isEmpty()) {
      info.put("externalIdFieldName", job.externalIdField);
    }
    if (!job.assignmentRuleId.isEmpty()) {
      info.put("assignmentRuleId", job.assignmentRuleId);
    }
    if (job.errorMessage != null) {
      info.put("errorMessage", job.errorMessage);
    }
    return info;
  }

  /** CSV as uploaded (RFC 4180, read by Jackson's CSV module). */
  private static List<List<String>> parse(String csv) {
    try {
      return new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).readerForListOf(String.class)
          .with(CsvSchema.emptySchema()).<List<String>>readValues(csv).readAll();
    } catch (IOException e) {
      throw new UncheckedIOException("the emulation got an unreadable CSV upload", e);
    }
  }
}
