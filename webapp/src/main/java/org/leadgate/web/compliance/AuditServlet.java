package org.leadgate.web.compliance;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Optional;
import org.leadgate.Gateway;
import org.leadgate.consent.compliance.ComplianceJson;
import org.leadgate.consent.compliance.Parameters;
import org.leadgate.consent.compliance.Parsed;
import org.leadgate.web.bootstrap.GatewayBootstrap;

/**
 * {@code GET /api/audit?from=&to=} (role {@code compliance}): the audit log of a time range, oldest first, as
 * {@code {"from": …, "to": …, "entries": [{"id", "at", "principal", "action", "detail"}]}}. Reading the audit
 * log is itself audited.
 */
public final class AuditServlet extends HttpServlet {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Gateway gateway = GatewayBootstrap.gateway(getServletContext());
    Optional<String> principal = ComplianceHttp.principal(gateway, request, response);
    if (principal.isEmpty()) {
      return;
    }
    if (!request.getMethod().equals("GET")) {
      ComplianceHttp.methodNotAllowed(response, "GET");
      return;
    }
    Parsed<Parameters.TimeRange> parsed = Parameters.timeRange(request.getParameterMap(), gateway.compliance().now());
    if (parsed instanceof Parsed.Invalid<Parameters.TimeRange> invalid) {
      ComplianceHttp.invalidParameters(response, invalid.problems());
      return;
    }
    Parameters.TimeRange range = ((Parsed.Valid<Parameters.TimeRange>) parsed).value();
    ComplianceHttp.exportHeaders(response, "application/json");
    JsonGenerator json = JSON.getFactory().createGenerator(response.getOutputStream());
    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    try {
      json.writeStartObject();
      json.writeStringField("from", range.from().toString());
      json.writeStringField("to", range.to().toString());
      json.writeArrayFieldStart("entries");
      gateway.compliance().auditEntries(principal.get(), range.from(), range.to(), entry -> {
        try {
          json.writeTree(ComplianceJson.auditEntry(entry));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      json.writeEndArray();
      json.writeEndObject();
      json.close();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (SQLException e) {
      ComplianceHttp.storageUnavailable(response, e);
    }
  }
}
