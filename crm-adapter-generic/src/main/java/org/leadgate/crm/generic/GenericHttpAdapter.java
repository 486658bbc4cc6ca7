package org.leadgate.crm.generic;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.HttpUrl;
import org.leadgate.crm.generic.template.LeadView;
import org.leadgate.crm.generic.template.PathTemplate;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.spi.InboundHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes leads to one CRM through configured request templates. A lead with a known CRM record goes through
 * {@code update} (when configured); other leads go, together, through {@code batch} when it is enabled, else one by
 * one through {@code create}. A 2xx answer delivers and gives the record id, other statuses retry or reject as the
 * {@link StatusPolicy} says; a batch refused as a whole with a 4xx is split so that only the bad lead is rejected.
 *
 * <p>Lead values never go into reasons or log lines; a reason carries at most the CRM's own answer, shortened.
 */
final class GenericHttpAdapter implements CrmAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(GenericHttpAdapter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_SNIPPET_CHARS = 500;

  private final TargetSettings target;
  private final CrmClient client;
  private final List<InboundHook> hooks;

  GenericHttpAdapter(TargetSettings target, Clock clock, List<InboundHook> hooks) {
    this.target = target;
    this.client = new CrmClient(target, clock);
    this.hooks = List.copyOf(hooks);
  }

  /** The inbound webhooks configured under {@code inbound}, one per source. */
  @Override
  public List<InboundHook> hooks() {
    return hooks;
  }

  @Override
  public DeliveryResult deliver(Delivery delivery) {
    return deliverAll(List.of(delivery)).get(0);
  }

  @Override
  public List<DeliveryResult> deliverAll(List<Delivery> deliveries) {
    DeliveryResult[] results = new DeliveryResult[deliveries.size()];
    List<Integer> batched = new ArrayList<>();
    for (int i = 0; i < deliveries.size(); i++) {
      Delivery delivery = deliveries.get(i);
      Optional<Operation> single = singleOperation(delivery);
      if (single.isPresent()) {
        results[i] = send(single.get(), delivery);
      } else {
        batched.add(i);
      }
    }
    if (!batched.isEmpty()) {
      List<DeliveryResult> answered = sendBatch(batched.stream().map(deliveries::get).toList());
      for (int j = 0; j < batched.size(); j++) {
        results[batched.get(j)] = answered.get(j);
      }
    }
    return Arrays.asList(results);
  }

  /** {@code update} for a known record, else {@code create} unless batches take new leads (then empty). */
  private Optional<Operation> singleOperation(Delivery delivery) {
    if (delivery.crmRecordId().isPresent() && target.update().isPresent()) {
      return target.update();
    }
    return target.batch().isPresent() ? Optional.empty() : target.create();
  }

  private DeliveryResult send(Operation operation, Delivery delivery) {
    LeadView view = LeadView.of(delivery.lead(), delivery.crmRecordId());
    PathTemplate.Expansion url = operation.path().expand(target.baseUrl(), view);
    if (url instanceof PathTemplate.Expansion.Unfilled unfilled) {
      return DeliveryResult.rejected("cannot build the " + operation.name() + " request: " + unfilled.reason());
    }
    Answer answer = client.send(new Outgoing(operation.name(), 1, operation.method(),
        ((PathTemplate.Expansion.Url) url).url(), target.headers().forLead(view),
        bytes(operation.body().render(view)), delivery.idempotencyKey()));
    return result(answer, reply -> recordId(json(reply.body()), operation.recordId()).or(delivery::crmRecordId));
  }

  /** One request for all {@code deliveries}, which have no known record; one result each, in order. */
  private List<DeliveryResult> sendBatch(List<Delivery> deliveries) {
    BatchOperation batch = target.batch().orElseThrow();
    List<LeadView> views = deliveries.stream().map(d -> LeadView.of(d.lead(), d.crmRecordId())).toList();
    // The batch path and headers are fixed (checked at startup), so any of the leads renders them.
    HttpUrl url = ((PathTemplate.Expansion.Url) batch.path().expand(target.baseUrl(), views.get(0))).url();
    byte[] body = bytes(batch.body().render(views.stream().map(batch.item()::render).toList()));
    Answer answer = client.send(new Outgoing("batch", deliveries.size(), batch.method(), url,
        target.headers().forLead(views.get(0)), body, batchKey(deliveries)));
    if (answer instanceof Answer.Reply reply && reply.verdict() == StatusPolicy.Verdict.DELIVERED) {
      return matched(batch, reply, views);
    }
    DeliveryResult failure = result(answer, reply -> Optional.empty());
    if (failure instanceof DeliveryResult.Rejected && deliveries.size() > 1) {
      LOG.info("event=crm.generic.batch_split leads={}", deliveries.size());
      return deliveries.stream().map(d -> sendBatch(List.of(d)).get(0)).toList();
    }
    return Collections.nCopies(deliveries.size(), failure);
  }

  /** Each lead's result in a 2xx batch answer: delivered with its record id, or retried when it has no result. */
  private static List<DeliveryResult> matched(BatchOperation batch, Answer.Reply reply, List<LeadView> views) {
    if (batch.results().isEmpty()) {
      return Collections.nCopies(views.size(), DeliveryResult.delivered(null));
    }
    JsonNode results = json(reply.body()).at(batch.results().get());
    List<DeliveryResult> answered = new ArrayList<>(views.size());
    for (int i = 0; i < views.size(); i++) {
      LeadView view = views.get(i);
      Optional<JsonNode> result = batch.matchBy().isPresent()
          ? batch.matchBy().get().find(results, view)
          : Optional.ofNullable(results.isArray() ? results.get(i) : null);
      answered.add(result
          .<DeliveryResult>map(r -> new DeliveryResult.Delivered(recordId(r, batch.recordId())))
          .orElseGet(() -> DeliveryResult.retry(
              "CRM answered " + reply.status() + " to the batch but listed no result for this lead")));
    }
    return answered;
  }

  private static DeliveryResult result(Answer answer, Function<Answer.Reply, Optional<String>> recordId) {
    if (answer instanceof Answer.Unanswered unanswered) {
      return DeliveryResult.retry(unanswered.reason());
    }
    if (answer instanceof Answer.NotSent notSent) {
      return new DeliveryResult.Deferred(notSent.reason(), notSent.retryAfter());
    }
    Answer.Reply reply = (Answer.Reply) answer;
    String reason = "CRM answered " + reply.status() + snippet(reply.body());
    return switch (reply.verdict()) {
      case DELIVERED -> new DeliveryResult.Delivered(recordId.apply(reply));
      case REJECT -> DeliveryResult.rejected(reason);
      case RETRY -> new DeliveryResult.Retry(reply.status() < 400
          ? reason + " (redirects are not followed; check the URLs in crm.settings)"
          : reason, reply.retryAfter());
    };
  }

  /** The string or number at {@code pointer} in a JSON answer. */
  static Optional<String> recordId(JsonNode answer, Optional<JsonPointer> pointer) {
    if (pointer.isEmpty()) {
      return Optional.empty();
    }
    JsonNode id = answer.at(pointer.get());
    if (id.isTextual() && !id.textValue().isBlank()) {
      return Optional.of(id.textValue());
    }
    return id.isNumber() ? Optional.of(id.asText()) : Optional.empty();
  }

  /** The answer as JSON, or a missing node when it is not JSON. */
  private static JsonNode json(String body) {
    if (body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      return MissingNode.getInstance();
    }
  }

  private static byte[] bytes(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JacksonException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /**
   * The {@code Idempotency-Key} of a batch: the lead's own key for one lead, else a digest of the leads' keys in order,
   * so that the same batch sent again carries the same key.
   */
  static String batchKey(List<Delivery> deliveries) {
    if (deliveries.size() == 1) {
      return deliveries.get(0).idempotencyKey();
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      deliveries.forEach(d -> sha256.update((d.idempotencyKey() + "\n").getBytes(StandardCharsets.UTF_8)));
      return "batch-" + HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** {@code ": "} and the first 500 characters of the answer with whitespace collapsed, or nothing if it is empty. */
  static String snippet(String body) {
    String text = body.strip().replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      return "";
    }
    if (text.length() > MAX_SNIPPET_CHARS) {
      int end = Character.isHighSurrogate(text.charAt(MAX_SNIPPET_CHARS - 1)) ? MAX_SNIPPET_CHARS - 1 : MAX_SNIPPET_CHARS;
      text = text.substring(0, end) + "…";
    }
    return ": " + text;
  }

  @Override
  public int batchLimit() {
    return target.batch().map(BatchOperation::limit).orElse(1);
  }

  @Override
  public Duration linger() {
    return target.batch().map(BatchOperation::linger).orElse(Duration.ZERO);
  }

  @Override
  public Map<String, Object> health() {
    return target.preset().<Map<String, Object>>map(preset -> Map.of("circuit", client.circuit(), "preset", preset))
        .orElseGet(() -> Map.of("circuit", client.circuit()));
  }

  @Override
  public void close() {
    client.close();
  }
}
