package org.leadgate.web.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.leadgate.Gateway;
import org.leadgate.config.AdminConfig;
import org.leadgate.http.Problem;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.scoring.BehaviourEvent;
import org.leadgate.scoring.funnel.LeadScoring;
import org.leadgate.storage.StorageUnavailableException;
import org.leadgate.web.admin.AdminAuth;
import org.leadgate.web.bootstrap.GatewayBootstrap;
import org.leadgate.web.http.JsonBody;
import org.leadgate.web.http.Responses;

/**
 * {@code POST /api/events} (admin token): something a lead did, for scoring —
 * {@code {"leadId": "…" | "email": "…", "type": "page-visited", "at": "2026-11-23T10:15:30Z",
 * "properties": {"path": "/pricing"}}}. {@code at} defaults to now. Answers 202 with the leads it was recorded for
 * (each is scored and delivered again), 404 when no lead matches, 400 naming the field that is wrong.
 */
public final class EventServlet extends HttpServlet {
  private static final int MAX_BODY = 16 * 1024;
  private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private final Clock clock = Clock.systemUTC();

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Gateway gateway = GatewayBootstrap.gateway(getServletContext());
    if (AdminAuth.check(gateway.config().admin().tokens(), AdminConfig.ADMIN, request, response).isEmpty()) {
      return;
    }
    Optional<JsonNode> body = JsonBody.object(request, response, MAX_BODY,
        "one JSON object with leadId or email, type, and optionally at and properties");
    if (body.isEmpty()) {
      return;
    }
    JsonNode json = body.get();
    List<FieldProblem> problems = new ArrayList<>();
    Optional<LeadScoring.LeadRef> who = who(json, problems);
    String type = json.path("type").asText("");
    if (!TYPE.matcher(type).matches()) {
      problems.add(new FieldProblem("type", "must be lowercase letters, digits and '-' (at most 64), e.g."
          + " page-visited"));
    }
    Instant at = at(json, problems);
    Map<String, String> properties = properties(json, problems);
    if (!problems.isEmpty()) {
      Responses.problem(response, Problem.invalidFields(problems));
      return;
    }
    List<String> leadIds;
    try {
      leadIds = gateway.scoring().record(who.orElseThrow(), new BehaviourEvent(type, at, properties));
    } catch (StorageUnavailableException e) {
      Responses.storageUnavailable(response, e.getMessage());
      return;
    }
    if (leadIds.isEmpty()) {
      Responses.problem(response, Problem.of(404, "no-such-lead", "No such lead", "no lead matches the event"));
      return;
    }
    var ids = Responses.array();
    leadIds.forEach(ids::add);
    Responses.json(response, 202, Responses.object().put("status", "recorded").set("leadIds", ids));
  }

  private static Optional<LeadScoring.LeadRef> who(JsonNode json, List<FieldProblem> problems) {
    String leadId = json.path("leadId").asText("");
    String email = json.path("email").asText("");
    if (leadId.isEmpty() == email.isEmpty()) {
      problems.add(new FieldProblem("leadId", "give either leadId or email"));
      return Optional.empty();
    }
    if (!email.isEmpty() && (email.length() > 254 || email.indexOf('@') < 1)) {
      problems.add(new FieldProblem("email", "must be an email address"));
      return Optional.empty();
    }
    return Optional.of(leadId.isEmpty() ? new LeadScoring.LeadRef.ByEmail(email.strip())
        : new LeadScoring.LeadRef.ById(leadId));
  }

  private Instant at(JsonNode json, List<FieldProblem> problems) {
    Instant now = clock.instant();
    if (!json.hasNonNull("at")) {
      return now;
    }
    try {
      Instant at = Instant.parse(json.get("at").asText());
      if (at.isAfter(now.plusSeconds(300))) {
        problems.add(new FieldProblem("at", "must not lie in the future"));
      }
      return at;
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem("at", "must be an ISO-8601 instant such as 2026-11-23T10:15:30Z"));
      return now;
    }
  }

  private static Map<String, String> properties(JsonNode json, List<FieldProblem> problems) {
    Map<String, String> properties = new LinkedHashMap<>();
    JsonNode node = json.path("properties");
    if (node.isMissingNode() || node.isNull()) {
      return properties;
    }
    if (!node.isObject() || node.size() > 20) {
      problems.add(new FieldProblem("properties", "must be an object of at most 20 text values"));
      return properties;
    }
    node.properties().forEach(entry -> {
      if (!entry.getValue().isValueNode() || entry.getValue().asText().length() > 500) {
        problems.add(new FieldProblem("properties." + entry.getKey(), "must be a text of at most 500 characters"));
      } else {
        properties.put(entry.getKey(), entry.getValue().asText());
      }
    });
    return properties;
  }
}
