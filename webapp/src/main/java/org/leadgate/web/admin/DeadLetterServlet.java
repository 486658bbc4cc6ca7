package org.leadgate.web.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leadgate.Gateway;
import org.leadgate.config.AdminConfig;
import org.leadgate.http.Problem;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.StorageUnavailableException;
import org.leadgate.web.bootstrap.GatewayBootstrap;
import org.leadgate.web.http.Responses;

/**
 * Admin API for leads the CRM would not take: {@code GET /api/dead-letters} lists them with the last error,
 * {@code POST /api/dead-letters/{leadId}/replay} queues one for delivery again.
 */
public final class DeadLetterServlet extends HttpServlet {
  private static final Pattern REPLAY = Pattern.compile("/([0-9a-fA-F-]{36})/replay");

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Gateway gateway = GatewayBootstrap.gateway(getServletContext());
    if (AdminAuth.check(gateway.config().admin().tokens(), AdminConfig.ADMIN, request, response).isEmpty()) {
      return;
    }
    String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
    try {
      if ("GET".equals(request.getMethod()) && path.equals("/")) {
        list(gateway, response);
        return;
      }
      Matcher replay = REPLAY.matcher(path);
      if ("POST".equals(request.getMethod()) && replay.matches()) {
        replay(gateway, replay.group(1), response);
        return;
      }
    } catch (StorageUnavailableException e) {
      Responses.storageUnavailable(response, e.getMessage());
      return;
    }
    Responses.problem(response, Problem.of(404, "not-found", "Not found",
        "use GET /api/dead-letters or POST /api/dead-letters/{leadId}/replay"));
  }

  private static void list(Gateway gateway, HttpServletResponse response) throws IOException {
    ArrayNode letters = Responses.array();
    for (LeadStore.DeadLetter letter : gateway.deadLetters(500)) {
      letters.addObject()
          .put("leadId", letter.leadId())
          .put("formId", letter.formId())
          .put("attempts", letter.attempts())
          .put("lastError", letter.lastError())
          .put("since", letter.since().toString());
    }
    Responses.json(response, 200, Responses.object().set("deadLetters", letters));
  }

  private static void replay(Gateway gateway, String leadId, HttpServletResponse response) throws IOException {
    if (gateway.replay(leadId)) {
      Responses.json(response, 202, Responses.object().put("leadId", leadId).put("status", "pending"));
    } else {
      Responses.problem(response, Problem.of(404, "no-dead-letter", "No such dead letter",
          "lead " + leadId + " is not a dead letter"));
    }
  }
}
