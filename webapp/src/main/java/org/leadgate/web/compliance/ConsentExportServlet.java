package org.leadgate.web.compliance;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.leadgate.Gateway;
import org.leadgate.consent.compliance.ExportFormat;
import org.leadgate.consent.compliance.Parameters;
import org.leadgate.consent.compliance.Parsed;
import org.leadgate.web.bootstrap.GatewayBootstrap;

/**
 * {@code GET /api/consents?from=&to=&purpose=&channel=&form=&format=csv|json|ndjson} (role {@code compliance}):
 * streams the consent events the filters select, in ledger order. Bad filters get 400 naming the parameter, and
 * nothing is exported; every export is audited before the first byte is sent.
 */
public final class ConsentExportServlet extends HttpServlet {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

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
    Parsed<Parameters.ConsentExport> parsed = Parameters.consentExport(request.getParameterMap(), gateway.config(),
        gateway.compliance().now());
    if (parsed instanceof Parsed.Invalid<Parameters.ConsentExport> invalid) {
      ComplianceHttp.invalidParameters(response, invalid.problems());
      return;
    }
    Parameters.ConsentExport export = ((Parsed.Valid<Parameters.ConsentExport>) parsed).value();
    ComplianceHttp.exportHeaders(response, export.format().mediaType());
    if (export.format() == ExportFormat.CSV) {
      response.setHeader("Content-Disposition", "attachment; filename=\"consents-"
          + STAMP.format(gateway.compliance().now()) + ".csv\"");
    }
    try {
      gateway.compliance().exportConsents(principal.get(), export.filter(), export.format(),
          response.getOutputStream());
    } catch (SQLException e) {
      ComplianceHttp.storageUnavailable(response, e);
    }
  }
}
