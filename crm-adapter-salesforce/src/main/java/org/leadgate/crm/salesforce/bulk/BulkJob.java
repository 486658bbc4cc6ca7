package org.leadgate.crm.salesforce.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.leadgate.crm.salesforce.api.ApiCall;
import org.leadgate.crm.salesforce.api.Reply;
import org.leadgate.crm.salesforce.api.SalesforceApi;
import org.leadgate.crm.salesforce.api.SalesforceError;
import org.leadgate.crm.salesforce.collections.RecordOutcome;
import org.leadgate.spi.DeliveryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Bulk API 2.0 ingest job on Lead: create it, upload the rows as CSV, mark the upload complete, poll its state
 * and read the successful and failed results, keyed by the key column (the external id field for an upsert,
 * {@code Id} for an update).
 */
final class BulkJob {
  private static final Logger LOG = LoggerFactory.getLogger(BulkJob.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> ENDED = Set.of("JobComplete", "Failed", "Aborted");
  /** What Bulk API 2.0 reads as "set this field to null"; an empty cell leaves the field as it is. */
  static final String NULL = "#N/A";

  private final SalesforceApi api;
  private final BulkSettings settings;
  private final Clock clock;
  private final BulkBackfill.Waiter waiter;

  BulkJob(SalesforceApi api, BulkSettings settings, Clock clock, BulkBackfill.Waiter waiter) {
    this.api = api;
    this.settings = settings;
    this.clock = clock;
    this.waiter = waiter;
  }

  /** How a job ended: the outcome of each row it reported, or one result for all its rows. */
  sealed interface Ended {
    record Finished(Map<String, RecordOutcome> byKey) implements Ended {
      public Finished {
        byKey = Map.copyOf(byKey);
      }
    }

    record Failed(DeliveryResult result) implements Ended {
      public Failed {
        Objects.requireNonNull(result, "result");
      }
    }
  }

  /**
   * Runs a job to its end.
   *
   * @param operation {@code upsert} (with {@code keyColumn} as external id field) or {@code update} (key {@code Id})
   * @param rows the records' values; each holds the key column
   * @param assignmentRuleId the lead assignment rule the job applies, if any
   */
  Ended run(String operation, String keyColumn, List<Map<String, Object>> rows, Optional<String> assignmentRuleId) {
    ObjectNode create = MAPPER.createObjectNode().put("object", "Lead").put("operation", operation)
        .put("contentType", "CSV").put("lineEnding", "LF").put("columnDelimiter", "COMMA");
    if (operation.equals("upsert")) {
      create.put("externalIdFieldName", keyColumn);
    }
    assignmentRuleId.ifPresent(rule -> create.put("assignmentRuleId", rule));
    Reply created = api.send(ApiCall.json("POST", "jobs/ingest", create.toString()));
    if (!ok(created)) {
      return new Ended.Failed(api.failure(created));
    }
    String id = ((Reply.Answered) created).json().path("id").asText();
    String job = "jobs/ingest/" + id;
    Reply uploaded = api.send(new ApiCall("PUT", job + "/batches", Map.of(),
        Optional.of(new ApiCall.Body(csv(rows), "text/csv")), Map.of()));
    if (!ok(uploaded)) {
      return new Ended.Failed(api.failure(uploaded));
    }
    Reply closed = api.send(ApiCall.json("PATCH", job, "{\"state\":\"UploadComplete\"}"));
    if (!ok(closed)) {
      return new Ended.Failed(api.failure(closed));
    }
    Ended ended = await(id, job);
    if (ended instanceof Ended.Failed) {
      return ended;
    }
    Map<String, RecordOutcome> byKey = new LinkedHashMap<>();
    for (String kind : List.of("successfulResults", "failedResults")) {
      Reply results = api.send(ApiCall.get(job + "/" + kind + "/"));
      if (!ok(results)) {
        return new Ended.Failed(api.failure(results));
      }
      read(((Reply.Answered) results).body(), keyColumn, byKey);
    }
    return new Ended.Finished(byKey);
  }

  private Ended await(String id, String job) {
    Instant deadline = clock.instant().plus(settings.timeout());
    int polls = 0;
    while (true) {
      Reply info = api.send(ApiCall.get(job));
      polls++;
      if (!ok(info)) {
        return new Ended.Failed(api.failure(info));
      }
      JsonNode json = ((Reply.Answered) info).json();
      String state = json.path("state").asText();
      if (ENDED.contains(state)) {
        LOG.info("event=salesforce.bulk_job_ended job={} state={} processed={} failed={} polls={}", id, state,
            json.path("numberRecordsProcessed").asLong(), json.path("numberRecordsFailed").asLong(), polls);
        return switch (state) {
          case "JobComplete" -> new Ended.Finished(Map.of());
          case "Aborted" -> new Ended.Failed(DeliveryResult.retry("Bulk job " + id + " was aborted"));
          default -> new Ended.Failed(DeliveryResult.rejected("Bulk job " + id + " failed: "
              + json.path("errorMessage").asText("no message")));
        };
      }
      if (!clock.instant().isBefore(deadline)) {
        LOG.warn("event=salesforce.bulk_job_timeout job={} state={} polls={}", id, state, polls);
        return new Ended.Failed(DeliveryResult.retry("Bulk job " + id + " still " + state + " after "
            + settings.timeout() + " (crm.settings.bulk.timeout); its leads are sent again"));
      }
      try {
        waiter.await(settings.pollInterval());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Ended.Failed(DeliveryResult.retry("interrupted while waiting for bulk job " + id));
      }
    }
  }

  private static boolean ok(Reply reply) {
    return reply instanceof Reply.Answered answered && answered.ok();
  }

  /** The header (every field any row has, in first-seen order) and one line per row. */
  static String csv(List<Map<String, Object>> rows) {
    Set<String> columns = new LinkedHashSet<>();
    rows.forEach(row -> columns.addAll(row.keySet()));
    List<List<String>> lines = new ArrayList<>();
    lines.add(List.copyOf(columns));
    for (Map<String, Object> row : rows) {
      List<String> line = new ArrayList<>();
      for (String column : columns) {
        line.add(!row.containsKey(column) ? "" : row.get(column) == null ? NULL : String.valueOf(row.get(column)));
      }
      lines.add(line);
    }
    return Csv.write(lines);
  }

  /** Adds the outcomes of a results CSV ({@code sf__Id} with {@code sf__Created} or {@code sf__Error}). */
  private static void read(String body, String keyColumn, Map<String, RecordOutcome> byKey) {
    List<List<String>> rows = Csv.read(body);
    if (rows.isEmpty()) {
      return;
    }
    List<String> header = rows.get(0);
    int key = header.indexOf(keyColumn);
    int recordId = header.indexOf("sf__Id");
    int created = header.indexOf("sf__Created");
    int error = header.indexOf("sf__Error");
    if (key < 0) {
      return;
    }
    for (List<String> row : rows.subList(1, rows.size())) {
      if (row.size() != header.size()) {
        continue;
      }
      byKey.put(row.get(key), error >= 0
          ? new RecordOutcome.Refused(List.of(error(row.get(error))))
          : new RecordOutcome.Saved(row.get(recordId), created >= 0 && Boolean.parseBoolean(row.get(created))));
    }
  }

  /** {@code CODE:message:Field1,Field2 --}, the shape of {@code sf__Error}. */
  static SalesforceError error(String text) {
    String trimmed = text.strip();
    if (trimmed.endsWith("--")) {
      trimmed = trimmed.substring(0, trimmed.length() - 2).strip();
    }
    int first = trimmed.indexOf(':');
    if (first < 0) {
      return new SalesforceError(trimmed, "");
    }
    String code = trimmed.substring(0, first);
    String rest = trimmed.substring(first + 1);
    int last = rest.lastIndexOf(':');
    if (last < 0) {
      return new SalesforceError(code, rest);
    }
    List<String> fields = Arrays.stream(rest.substring(last + 1).split(",")).map(String::strip)
        .filter(field -> !field.isEmpty()).toList();
    return new SalesforceError(code, rest.substring(0, last), fields, List.of(), Optional.empty());
  }
}
