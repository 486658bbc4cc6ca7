package org.leadgate.web.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leadgate.Gateway;
import org.leadgate.consent.Subject;
import org.leadgate.consent.compliance.ComplianceJson;
import org.leadgate.consent.compliance.ErasureResult;
import org.leadgate.consent.compliance.Parameters;
import org.leadgate.consent.compliance.Parsed;
import org.leadgate.consent.compliance.SubjectExport;
import org.leadgate.consent.compliance.SubjectProof;
import org.leadgate.http.Problem;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.web.bootstrap.GatewayBootstrap;
import org.leadgate.web.http.JsonBody;
import org.leadgate.web.http.Responses;

/**
 * One person (role {@code compliance}), named by {@code email} or {@code phone}:
 * <ul>
 *   <li>{@code GET /api/subjects/proof} — the consent proof (Einwilligungsnachweis) as JSON, or as a printable page
 *       with {@code Accept: text/html} or {@code format=html};
 *   <li>{@code GET /api/subjects/export} — everything held about the person as JSON (DSGVO Art. 15/20);
 *   <li>{@code POST /api/subjects/erase} with {@code {"email": …}} or {@code {"phone": …}} — erasure (Art. 17).
 * </ul>
 * Unknown people get 404. Each call is audited first, with the pseudonymous subject key, never the address.
 */
public final class SubjectServlet extends HttpServlet {
  private static final int MAX_BODY = 4 * 1024;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Gateway gateway = GatewayBootstrap.gateway(getServletContext());
    Optional<String> principal = ComplianceHttp.principal(gateway, request, response);
    if (principal.isEmpty()) {
      return;
    }
    String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
    String method = request.getMethod();
    try {
      switch (path) {
        case "/proof", "/export" -> {
          if (!method.equals("GET")) {
            ComplianceHttp.methodNotAllowed(response, "GET");
          } else if (path.equals("/proof")) {
            proof(gateway, principal.get(), request, response);
          } else {
            export(gateway, principal.get(), request, response);
          }
        }
        case "/erase" -> {
          if (!method.equals("POST")) {
            ComplianceHttp.methodNotAllowed(response, "POST");
          } else {
            erase(gateway, principal.get(), request, response);
          }
        }
        default -> Responses.problem(response, Problem.of(404, "not-found", "Not found",
            "use GET /api/subjects/proof, GET /api/subjects/export or POST /api/subjects/erase"));
      }
    } catch (SQLException e) {
      ComplianceHttp.storageUnavailable(response, e);
    }
  }

  private static void proof(Gateway gateway, String principal, HttpServletRequest request,
      HttpServletResponse response) throws IOException, SQLException {
    Parsed<Parameters.SubjectQuery> parsed = Parameters.subject(request.getParameterMap(), Set.of("json", "html"));
    if (parsed instanceof Parsed.Invalid<Parameters.SubjectQuery> invalid) {
      ComplianceHttp.invalidParameters(response, invalid.problems());
      return;
    }
    Parameters.SubjectQuery query = ((Parsed.Valid<Parameters.SubjectQuery>) parsed).value();
    boolean html = query.format().map("html"::equals)
        .orElseGet(() -> Optional.ofNullable(request.getHeader("Accept")).orElse("").contains("text/html"));
    Optional<SubjectProof> proof = gateway.compliance().proof(principal, query.subject());
    if (proof.isEmpty()) {
      ComplianceHttp.unknownSubject(response);
      return;
    }
    if (html) {
      byte[] page = ProofPage.render(proof.get()).getBytes(StandardCharsets.UTF_8);
      ComplianceHttp.exportHeaders(response, "text/html;charset=UTF-8");
      response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
      response.setContentLength(page.length);
      response.getOutputStream().write(page);
    } else {
      Responses.json(response, 200, ComplianceJson.proof(proof.get()));
    }
  }

  private static void export(Gateway gateway, String principal, HttpServletRequest request,
      HttpServletResponse response) throws IOException, SQLException {
    Parsed<Parameters.SubjectQuery> parsed = Parameters.subject(request.getParameterMap(), Set.of());
    if (parsed instanceof Parsed.Invalid<Parameters.SubjectQuery> invalid) {
      ComplianceHttp.invalidParameters(response, invalid.problems());
      return;
    }
    Optional<SubjectExport> export = gateway.compliance().export(principal,
        ((Parsed.Valid<Parameters.SubjectQuery>) parsed).value().subject());
    if (export.isEmpty()) {
      ComplianceHttp.unknownSubject(response);
      return;
    }
    Responses.json(response, 200, ComplianceJson.export(export.get()));
  }

  private static void erase(Gateway gateway, String principal, HttpServletRequest request,
      HttpServletResponse response) throws IOException, SQLException {
    Optional<JsonNode> body = JsonBody.object(request, response, MAX_BODY,
        "one JSON object: {\"email\": \"…\"} or {\"phone\": \"…\"}");
    if (body.isEmpty()) {
      return;
    }
    JsonNode json = body.get();
    List<FieldProblem> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> members = json.properties().iterator(); members.hasNext(); ) {
      Map.Entry<String, JsonNode> member = members.next();
      if (!member.getKey().equals("email") && !member.getKey().equals("phone")) {
        problems.add(new FieldProblem(member.getKey().length() > 40 ? member.getKey().substring(0, 40) + "…"
            : member.getKey(), "unknown member; send email or phone"));
      } else if (!member.getValue().isTextual()) {
        problems.add(new FieldProblem(member.getKey(), "must be a string"));
      }
    }
    if (!problems.isEmpty()) {
      Responses.problem(response, Problem.invalidFields(problems));
      return;
    }
    Parsed<Subject> subject = Parameters.subject(text(json, "email"), text(json, "phone"));
    if (subject instanceof Parsed.Invalid<Subject> invalid) {
      Responses.problem(response, Problem.invalidFields(invalid.problems()));
      return;
    }
    Optional<ErasureResult> result = gateway.compliance().erase(principal,
        ((Parsed.Valid<Subject>) subject).value());
    if (result.isEmpty()) {
      ComplianceHttp.unknownSubject(response);
      return;
    }
    Responses.json(response, 200, ComplianceJson.erasure(result.get()));
  }

  private static Optional<String> text(JsonNode json, String member) {
    return json.has(member) ? Optional.of(json.get(member).asText()) : Optional.empty();
  }
}
