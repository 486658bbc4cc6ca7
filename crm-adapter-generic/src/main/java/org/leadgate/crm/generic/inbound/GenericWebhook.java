package org.leadgate.crm.generic.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.leadgate.http.Problem;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.pipeline.Outcome;
import org.leadgate.spi.HookRequest;
import org.leadgate.spi.HookResponse;
import org.leadgate.spi.InboundHook;
import org.leadgate.spi.Intake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/generic/{source}}: authenticates the request, reads its JSON items, maps and checks every item
 * first and only then submits them, so a request with any bad item stores nothing. Items LeadGate's own write-back
 * caused are acknowledged and skipped. Answers 202 with the lead ids (200 when every item was skipped).
 */
final class GenericWebhook implements InboundHook {
  private static final Logger LOG = LoggerFactory.getLogger(GenericWebhook.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Webhooks are server to server: the request's address and browser headers are the sender's, not the person's. */
  private static final Submission.RequestContext NO_PERSON = Submission.RequestContext.NONE;

  private final InboundSource source;

  GenericWebhook(InboundSource source) {
    this.source = source;
  }

  @Override
  public String path() {
    return "/hooks/generic/" + source.name();
  }

  @Override
  public HookResponse handle(HookRequest request, Intake intake) {
    if (!request.method().equals("POST")) {
      return refused(request, withHeader(problem(405, "method-not-allowed", "Method not allowed",
          "send the items with POST"), "Allow", "POST"), "method");
    }
    // the web application has cut at intake.maxBodyBytes already
    if (request.body().length > source.maxBodyBytes()) {
      return refused(request, problem(413, "body-too-large", "Request too large",
          "the body is larger than " + source.maxBodyBytes() + " bytes"), "body_too_large");
    }
    Optional<String> refusal = source.authentication().refusal(request);
    if (refusal.isPresent()) {
      HookResponse unauthorized = problem(401, "unauthorized", "Unauthorized", refusal.get());
      return refused(request, source.authentication().challenge()
          .map(challenge -> withHeader(unauthorized, "WWW-Authenticate", challenge)).orElse(unauthorized),
          "unauthorized");
    }
    HookResponse answer;
    try {
      answer = accept(request, intake);
    } catch (RuntimeException e) {
      source.authentication().release(request);
      throw e;
    }
    if (answer.status() >= 300) {
      source.authentication().release(request);
    }
    return answer;
  }

  private HookResponse accept(HookRequest request, Intake intake) {
    if (!isJson(request)) {
      return refused(request, problem(415, "unsupported-media-type", "Unsupported media type",
          "send application/json in UTF-8"), "media_type");
    }
    JsonItems.Parsed parsed = JsonItems.parse(request.body());
    if (parsed instanceof JsonItems.Malformed malformed) {
      return refused(request, problem(400, "malformed-body", "Malformed body", malformed.detail()), "malformed");
    }
    List<JsonNode> items = ((JsonItems.Items) parsed).items();
    if (items.isEmpty()) {
      return refused(request, problem(400, "malformed-body", "Malformed body", "the body holds no items"),
          "no_items");
    }
    if (items.size() > source.maxItems()) {
      return refused(request, problem(413, "too-many-items", "Too many items",
          "at most " + source.maxItems() + " items per request, but there were " + items.size()), "too_many_items");
    }
    Map<Integer, Submission> submissions = new HashMap<>();
    Map<Integer, String> skipped = new HashMap<>();
    List<FieldProblem> problems = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String name = "items[" + i + "]";
      MappedItem mapped = source.mapping().map(items.get(i), name);
      if (mapped instanceof MappedItem.Skipped skip) {
        skipped.put(i, skip.reason());
      } else if (mapped instanceof MappedItem.Unreadable unreadable) {
        problems.addAll(unreadable.problems());
      } else {
        Submission submission = submission((MappedItem.Mapped) mapped, request);
        intake.check(submission).forEach(p -> problems.add(new FieldProblem(name + "." + p.field(), p.reason())));
        submissions.put(i, submission);
      }
    }
    if (!problems.isEmpty()) {
      return refused(request, HookResponse.problem(Problem.of(400, "invalid-fields", "Invalid items",
          "no item was stored; fix the items named in errors", problems)), "invalid_items");
    }
    return submitAll(items.size(), submissions, skipped, intake);
  }

  /** Submits the checked items in order and answers their lead ids. */
  private HookResponse submitAll(int count, Map<Integer, Submission> submissions, Map<Integer, String> skipped,
      Intake intake) {
    ObjectNode body = JSON.createObjectNode().put("source", source.name());
    ArrayNode leads = body.putArray("leads");
    ArrayNode skips = body.putArray("skipped");
    int replayed = 0;
    for (int i = 0; i < count; i++) {
      if (skipped.containsKey(i)) {
        skips.addObject().put("item", i).put("reason", skipped.get(i));
        continue;
      }
      Outcome outcome = intake.submit(submissions.get(i));
      if (outcome instanceof Outcome.Invalid invalid) {
        // only if the intake's check missed what submit found; the items before this one are stored
        String name = "items[" + i + "].";
        LOG.warn("event=generic_hook.refused_after_check source={} item={} stored={}", source.name(), i,
            leads.size());
        return HookResponse.problem(Problem.of(400, "invalid-fields", "Invalid item", "item " + i + " was refused;"
            + " the " + leads.size() + " items before it were stored", invalid.problems().stream()
            .map(p -> new FieldProblem(name + p.field(), p.reason())).toList()));
      }
      Outcome.Accepted accepted = (Outcome.Accepted) outcome;
      replayed += accepted.replayed() ? 1 : 0;
      leads.addObject().put("item", i).put("leadId", accepted.leadId()).put("replayed", accepted.replayed());
    }
    int status = leads.isEmpty() ? 200 : 202;
    LOG.info("event=generic_hook.accepted source={} status={} items={} leads={} replayed={} skipped={}",
        source.name(), status, count, leads.size(), replayed, skips.size());
    return new HookResponse(status, "application/json", body.toString().getBytes(StandardCharsets.UTF_8), Map.of());
  }

  private Submission submission(MappedItem.Mapped mapped, HookRequest request) {
    return new Submission(source.form(), request.receivedAt(), "application/json", mapped.json(), mapped.values(),
        mapped.eventId().map(id -> "hook:" + source.name() + ":" + id), NO_PERSON, mapped.crmRecordId(),
        mapped.changedAt());
  }

  /** {@code application/json} or a {@code +json} type, in UTF-8 if a charset is named. */
  private static boolean isJson(HookRequest request) {
    String type = request.mediaType();
    if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
      return false;
    }
    String header = request.header("content-type").orElse("").toLowerCase(Locale.ROOT);
    int charset = header.indexOf("charset=");
    if (charset < 0) {
      return true;
    }
    String name = header.substring(charset + "charset=".length()).split(";", 2)[0].strip().replace("\"", "");
    return name.equals("utf-8") || name.equals("utf8");
  }

  private HookResponse refused(HookRequest request, HookResponse answer, String reason) {
    LOG.info("event=generic_hook.refused source={} status={} reason={} bytes={}", source.name(), answer.status(),
        reason, request.body().length);
    return answer;
  }

  private static HookResponse problem(int status, String slug, String title, String detail) {
    return HookResponse.problem(Problem.of(status, slug, title, detail));
  }

  private static HookResponse withHeader(HookResponse response, String name, String value) {
    return new HookResponse(response.status(), response.contentType(), response.body(), Map.of(name, value));
  }
}
