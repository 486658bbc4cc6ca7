package org.leadgate.web.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.leadgate.Gateway;
import org.leadgate.http.Problem;
import org.leadgate.storage.LeadStore;
import org.leadgate.web.bootstrap.GatewayBootstrap;
import org.leadgate.web.http.Responses;

/**
 * {@code GET /health} (liveness: the web application runs) and {@code GET /health/ready} (storage answers; outbox
 * depth and dead letters; enrichment providers with their region, circuit, call budget and cache, and leads by
 * enrichment state), the CRM adapter's own figures (such as API allowance used), as JSON. Not ready answers 503.
 */
public final class HealthServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getPathInfo();
    if (path == null || path.equals("/")) {
      Responses.json(response, 200, Responses.object().put("status", "UP"));
    } else if (path.equals("/ready")) {
      ready(response);
    } else {
      Responses.problem(response, Problem.of(404, "not-found", "Not found", "no health check at " + path));
    }
  }

  private void ready(HttpServletResponse response) throws IOException {
    Gateway.Readiness readiness = GatewayBootstrap.gateway(getServletContext()).readiness();
    ObjectNode body = Responses.object()
        .put("status", readiness.storageReachable() ? "UP" : "DOWN")
        .put("storage", readiness.storageReachable() ? "UP" : "DOWN");
    readiness.outbox().ifPresent(counts -> body.putObject("outbox")
        .put("pending", counts.pending())
        .put("delivered", counts.delivered())
        .put("deadLetters", counts.dead())
        .put("merged", counts.merged()));
    Gateway gateway = GatewayBootstrap.gateway(getServletContext());
    body.set("enrichment", Responses.tree(gateway.enrichment().health()));
    body.putObject("crm").put("adapter", gateway.config().crm().adapter())
        .setAll((ObjectNode) Responses.tree(gateway.crmHealth()));
    if (!readiness.storageReachable()) {
      response.setHeader("Retry-After", "5");
    }
    Responses.json(response, readiness.storageReachable() ? 200 : 503, body);
  }
}
