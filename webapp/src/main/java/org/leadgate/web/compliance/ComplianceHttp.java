package org.leadgate.web.compliance;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.leadgate.Gateway;
import org.leadgate.config.AdminConfig;
import org.leadgate.http.Problem;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.web.admin.AdminAuth;
import org.leadgate.web.http.Responses;

/** What the compliance servlets share: the role check, refusals and the headers of exports. */
final class ComplianceHttp {
  private ComplianceHttp() {}

  /** The caller's token name if it has the role {@code compliance}; otherwise 401, 403 or 404 is written. */
  static Optional<String> principal(Gateway gateway, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    return AdminAuth.check(gateway.config().admin().tokens(), AdminConfig.COMPLIANCE, request, response)
        .map(AdminConfig.ApiToken::name);
  }

  /** 400 naming each parameter at fault; nothing was exported or changed. */
  static void invalidParameters(HttpServletResponse response, List<FieldProblem> problems) throws IOException {
    Responses.problem(response, new Problem("https://leadgate.org/problems/invalid-parameters",
        "Invalid parameters", 400, problems.stream().map(p -> p.field() + ": " + p.reason())
            .collect(Collectors.joining("; ")) + "; nothing was exported or changed", problems));
  }

  static void unknownSubject(HttpServletResponse response) throws IOException {
    Responses.problem(response, Problem.of(404, "unknown-subject", "Unknown person",
        "LeadGate holds nothing about this person"));
  }

  static void methodNotAllowed(HttpServletResponse response, String allow) throws IOException {
    response.setHeader("Allow", allow);
    Responses.problem(response, Problem.of(405, "method-not-allowed", "Method not allowed", "use " + allow));
  }

  /** 503 if nothing was sent yet; otherwise the response is broken off, so a partial export never looks whole. */
  static void storageUnavailable(HttpServletResponse response, Exception cause) throws IOException {
    if (response.isCommitted()) {
      throw new IOException("the export broke off: storage failed midway", cause);
    }
    response.reset();
    Responses.storageUnavailable(response, "storage could not be reached; nothing was changed");
  }

  /** Headers of every export: never cached, never sniffed as another type. */
  static void exportHeaders(HttpServletResponse response, String contentType) {
    response.setStatus(200);
    response.setContentType(contentType);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
  }
}
