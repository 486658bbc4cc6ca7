package org.leadgate.web.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leadgate.Gateway;
import org.leadgate.http.Problem;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.scoring.Stage;
import org.leadgate.storage.StorageUnavailableException;
import org.leadgate.web.admin.AdminAuth;
import org.leadgate.web.admin.LeadDeliveries;
import org.leadgate.web.bootstrap.GatewayBootstrap;
import org.leadgate.web.http.JsonBody;
import org.leadgate.web.http.Responses;

/**
 * {@code PUT /api/leads/{leadId}/stage} (admin token), body {@code {"stage": "sal"}}: the CRM moves a lead along the
 * funnel (a workflow or webhook when sales accepts or qualifies it). Scoring never lowers a stage set this way.
 *
 * <p>As the servlet mapped to {@code /api/leads/*} (a mapping cannot name a segment after the lead id), it also hands
 * {@code GET /api/leads/{leadId}/deliveries} to {@link LeadDeliveries}.
 */
public final class StageServlet extends HttpServlet {
  private static final Pattern PATH = Pattern.compile("/([0-9a-fA-F-]{36})/stage");
  private static final Pattern DELIVERIES = Pattern.compile("/([0-9a-fA-F-]{36})/deliveries");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Gateway gateway = GatewayBootstrap.gateway(getServletContext());
    Optional<Matcher> path = AdminAuth.adminPath(gateway, request, response, DELIVERIES,
        "use GET /api/leads/{leadId}/deliveries");
    if (path.isPresent()) {
      LeadDeliveries.write(gateway, path.get().group(1), response);
    }
  }

  @Override
  protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Gateway gateway = GatewayBootstrap.gateway(getServletContext());
    Optional<Matcher> matched = AdminAuth.adminPath(gateway, request, response, PATH,
        "use PUT /api/leads/{leadId}/stage");
    if (matched.isEmpty()) {
      return;
    }
    Matcher path = matched.get();
    Optional<JsonNode> body = JsonBody.object(request, response, 1024, "{\"stage\": \"sal\"}");
    if (body.isEmpty()) {
      return;
    }
    String stage = body.get().path("stage").asText("");
    try {
      switch (gateway.scoring().setStage(path.group(1), stage)) {
        case SET -> Responses.json(response, 202, Responses.object().put("leadId", path.group(1))
            .put("stage", stage));
        case UNKNOWN_LEAD -> Responses.problem(response, Problem.of(404, "no-such-lead", "No such lead",
            "there is no lead " + path.group(1)));
        case UNKNOWN_STAGE -> Responses.problem(response, Problem.invalidFields(List.of(new FieldProblem("stage",
            "must be one of " + String.join(", ", gateway.config().scoring().stages().all().stream()
                .map(Stage::id).toList())))));
      }
    } catch (StorageUnavailableException e) {
      Responses.storageUnavailable(response, e.getMessage());
    }
  }
}
