package org.leadgate.crm.salesforce.collections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.crm.salesforce.api.ApiCall;
import org.leadgate.crm.salesforce.api.Reply;
import org.leadgate.crm.salesforce.api.SalesforceApi;
import org.leadgate.crm.salesforce.api.SalesforceError;
import org.leadgate.spi.DeliveryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link CollectionRequest}s in calls of at most {@code chunkSize} records and answers one
 * {@link RecordOutcome} per record, in order. {@link #sendTogether} packs up to five collections into one Composite
 * call, which Salesforce charges as one API request.
 */
public final class CollectionWriter {
  public static final int MAX_RECORDS = 200;
  static final int MAX_COLLECTIONS_PER_COMPOSITE = 5;
  private static final Logger LOG = LoggerFactory.getLogger(CollectionWriter.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SalesforceApi api;
  private final String apiVersion;
  private final int chunkSize;

  public CollectionWriter(SalesforceApi api, String apiVersion, int chunkSize) {
    if (chunkSize < 1 || chunkSize > MAX_RECORDS) {
      throw new IllegalArgumentException("chunk size must be 1.." + MAX_RECORDS + " but was " + chunkSize);
    }
    this.api = api;
    this.apiVersion = apiVersion;
    this.chunkSize = chunkSize;
  }

  /** One call per chunk, each with {@code headers}. */
  public List<RecordOutcome> send(CollectionRequest request, Map<String, String> headers) {
    List<RecordOutcome> outcomes = new ArrayList<>(request.records().size());
    for (CollectionRequest chunk : chunks(request)) {
      long started = System.nanoTime();
      Reply reply = api.send(ApiCall.json("PATCH", chunk.path(), chunk.body().toString()).withHeaders(headers));
      List<RecordOutcome> answered = outcomes(reply, chunk.records().size());
      log(chunk, reply, answered, started);
      outcomes.addAll(answered);
    }
    return outcomes;
  }

  /**
   * The requests' outcomes, one list per request in order; up to five chunks share one Composite call, sent with
   * {@code headers}.
   */
  public List<List<RecordOutcome>> sendTogether(Map<String, String> headers, List<CollectionRequest> requests) {
    List<List<RecordOutcome>> outcomes = new ArrayList<>();
    List<Piece> pieces = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      outcomes.add(new ArrayList<>());
      for (CollectionRequest chunk : chunks(requests.get(i))) {
        pieces.add(new Piece(i, chunk));
      }
    }
    for (int from = 0; from < pieces.size(); from += MAX_COLLECTIONS_PER_COMPOSITE) {
      List<Piece> group = pieces.subList(from, Math.min(pieces.size(), from + MAX_COLLECTIONS_PER_COMPOSITE));
      List<List<RecordOutcome>> answered = group.size() == 1
          ? List.of(send(group.get(0).chunk(), headers))
          : composite(group, headers);
      for (int i = 0; i < group.size(); i++) {
        outcomes.get(group.get(i).request()).addAll(answered.get(i));
      }
    }
    return outcomes;
  }

  private record Piece(int request, CollectionRequest chunk) {}

  private List<List<RecordOutcome>> composite(List<Piece> group, Map<String, String> headers) {
    ObjectNode body = MAPPER.createObjectNode().put("allOrNone", false);
    ArrayNode subrequests = body.putArray("compositeRequest");
    for (int i = 0; i < group.size(); i++) {
      CollectionRequest chunk = group.get(i).chunk();
      subrequests.addObject()
          .put("method", "PATCH")
          .put("url", "/services/data/v" + apiVersion + "/" + chunk.path())
          .put("referenceId", "collection" + i)
          .set("body", chunk.body());
    }
    long started = System.nanoTime();
    Reply reply = api.send(ApiCall.json("POST", "composite", body.toString()).withHeaders(headers));
    List<List<RecordOutcome>> outcomes = new ArrayList<>();
    JsonNode responses = reply instanceof Reply.Answered answered && answered.ok()
        ? answered.json().path("compositeResponse") : null;
    for (int i = 0; i < group.size(); i++) {
      int size = group.get(i).chunk().records().size();
      if (responses == null) {
        outcomes.add(outcomes(reply, size));
        continue;
      }
      JsonNode response = responses.path(i);
      Reply part = new Reply.Answered(response.path("httpStatusCode").asInt(500),
          response.path("body").toString(), Optional.empty());
      outcomes.add(outcomes(part, size));
    }
    LOG.info("event=salesforce.composite_sent collections={} records={} status={} latency_ms={}", group.size(),
        group.stream().mapToInt(piece -> piece.chunk().records().size()).sum(), status(reply),
        (System.nanoTime() - started) / 1_000_000);
    return outcomes;
  }

  private List<CollectionRequest> chunks(CollectionRequest request) {
    List<CollectionRequest> chunks = new ArrayList<>();
    List<ObjectNode> records = request.records();
    for (int from = 0; from < records.size(); from += chunkSize) {
      chunks.add(request.withRecords(records.subList(from, Math.min(records.size(), from + chunkSize))));
    }
    return chunks;
  }

  /** One outcome per record: the collection's results, or the call's failure for each. */
  private List<RecordOutcome> outcomes(Reply reply, int size) {
    if (!(reply instanceof Reply.Answered answered && answered.ok())) {
      return Collections.nCopies(size, new RecordOutcome.Unsent(api.failure(reply)));
    }
    JsonNode results = answered.json();
    if (!results.isArray() || results.size() != size) {
      return Collections.nCopies(size, new RecordOutcome.Unsent(DeliveryResult.retry(
          "Salesforce answered " + (results.isArray() ? results.size() : "no") + " results for " + size
              + " records")));
    }
    List<RecordOutcome> outcomes = new ArrayList<>(size);
    for (JsonNode result : results) {
      outcomes.add(result.path("success").asBoolean(false) && result.hasNonNull("id")
          ? new RecordOutcome.Saved(result.path("id").asText(), result.path("created").asBoolean(false))
          : new RecordOutcome.Refused(SalesforceError.listFrom(result.path("errors"))));
    }
    return outcomes;
  }

  private static void log(CollectionRequest chunk, Reply reply, List<RecordOutcome> outcomes, long started) {
    LOG.info("event=salesforce.collection_sent op={} path={} records={} saved={} status={} latency_ms={}",
        chunk.operation(), chunk.path(), chunk.records().size(),
        outcomes.stream().filter(RecordOutcome.Saved.class::isInstance).count(), status(reply),
        (System.nanoTime() - started) / 1_000_000);
  }

  private static String status(Reply reply) {
    return reply instanceof Reply.Answered answered ? String.valueOf(answered.status()) : "unreachable";
  }
}
