package org.leadgate.web.forms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.leadgate.Gateway;
import org.leadgate.config.FormConfig;
import org.leadgate.http.Problem;
import org.leadgate.intake.ParsedBody;
import org.leadgate.intake.Submission;
import org.leadgate.intake.SubmissionParser;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.pipeline.Outcome;
import org.leadgate.storage.StorageUnavailableException;
import org.leadgate.web.bootstrap.GatewayBootstrap;
import org.leadgate.web.http.BoundedBody;
import org.leadgate.web.http.ClientContext;
import org.leadgate.web.http.Responses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /forms/{formId}}: GET shows the form, POST takes a submission (urlencoded, multipart or JSON). Browsers
 * are redirected to the thank-you page or shown the form again with messages; API clients get 202 with the lead
 * id, or an RFC 9457 problem. A 2xx or 303 is only sent after the lead is committed.
 */
public final class FormServlet extends HttpServlet {
  private static final Logger LOG = LoggerFactory.getLogger(FormServlet.class);
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  private final SubmissionParser parser = new SubmissionParser();
  private final Clock clock = Clock.systemUTC();

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<FormConfig> form = form(request);
    if (form.isEmpty()) {
      fail(request, response, wantsJson(request),
          Problem.of(404, "unknown-form", "Unknown form", "there is no form at " + request.getRequestURI()));
      return;
    }
    switch (request.getMethod()) {
      case "GET", "HEAD" -> Responses.html(response, 200, FormPage.render(request.getContextPath(),
          GatewayBootstrap.gateway(getServletContext()).config(), form.get(), Map.of(), List.of(),
          UUID.randomUUID().toString()));
      case "POST" -> post(request, response, form.get());
      case "OPTIONS" -> preflight(request, response, form.get());
      default -> {
        response.setHeader("Allow", "GET, HEAD, POST, OPTIONS");
        fail(request, response, wantsJson(request), Problem.of(405, "method-not-allowed", "Method not allowed",
            request.getMethod() + " is not supported here; post the form instead"));
      }
    }
  }

  private static void preflight(HttpServletRequest request, HttpServletResponse response, FormConfig form) {
    if (!Origins.isCrossOriginAllowed(request, form)) {
      response.setStatus(403);
      return;
    }
    allowCrossOrigin(request, response);
    response.setHeader("Access-Control-Allow-Methods", "POST");
    response.setHeader("Access-Control-Allow-Headers", "Content-Type, Accept, Idempotency-Key");
    response.setHeader("Access-Control-Max-Age", "600");
    response.setStatus(204);
  }

  private void post(HttpServletRequest request, HttpServletResponse response, FormConfig form) throws IOException {
    Gateway gateway = GatewayBootstrap.gateway(getServletContext());
    boolean api = wantsJson(request);
    if (!Origins.allowed(request, form)) {
      LOG.info("event=intake.refused form={} reason=origin_not_allowed", form.id());
      fail(request, response, api, Problem.of(403, "origin-not-allowed", "Origin not allowed",
          "pages on " + Origins.of(request).orElse("?") + " may not post form '" + form.id() + "'"));
      return;
    }
    if (Origins.isCrossOriginAllowed(request, form)) {
      allowCrossOrigin(request, response);
    }
    int limit = gateway.config().intake().maxBodyBytes();
    Optional<byte[]> body = BoundedBody.read(request, limit);
    if (body.isEmpty()) {
      fail(request, response, api, Problem.of(413, "body-too-large", "Submission too large",
          "the body is larger than " + limit + " bytes"));
      return;
    }
    ParsedBody parsed = parser.parse(request.getContentType(), body.get());
    if (parsed instanceof ParsedBody.Unsupported unsupported) {
      fail(request, response, api, Problem.of(415, "unsupported-media-type", "Unsupported content type",
          "'" + unsupported.contentType() + "' is not accepted; post application/x-www-form-urlencoded,"
              + " multipart/form-data or application/json"));
      return;
    }
    if (parsed instanceof ParsedBody.Malformed malformed) {
      fail(request, response, api, Problem.of(400, "malformed-body", "Malformed submission", malformed.reason()));
      return;
    }
    ParsedBody.Values values = (ParsedBody.Values) parsed;
    Optional<String> key = Optional.ofNullable(request.getHeader("Idempotency-Key"))
        .or(() -> Optional.ofNullable(values.values().get(Submission.TOKEN_FIELD))
            .filter(v -> !v.isEmpty()).map(v -> v.get(0)))
        .filter(k -> !k.isEmpty());
    if (key.isPresent() && !IDEMPOTENCY_KEY.matcher(key.get()).matches()) {
      fail(request, response, api, new Problem("https://leadgate.org/problems/invalid-fields",
          "Invalid idempotency key", 400, "the idempotency key must be 1 to 255 visible ASCII characters",
          List.of(new FieldProblem("Idempotency-Key", "must be 1 to 255 visible ASCII characters"))));
      return;
    }
    Submission submission = new Submission(form.id(), clock.instant().truncatedTo(ChronoUnit.MILLIS),
        Optional.ofNullable(request.getContentType()).orElse(""), values.text(), values.values(), key,
        ClientContext.of(request, gateway));
    submit(request, response, api, gateway, form, submission);
  }

  private void submit(HttpServletRequest request, HttpServletResponse response, boolean api, Gateway gateway,
      FormConfig form, Submission submission) throws IOException {
    Outcome outcome;
    try {
      outcome = gateway.submit(submission);
    } catch (StorageUnavailableException e) {
      LOG.warn("event=intake.unavailable form={} error=\"{}\"", form.id(), e.getMessage());
      response.setHeader("Retry-After", "5");
      fail(request, response, api, Problem.of(503, "storage-unavailable", "Try again shortly",
          "the submission could not be stored right now and was not accepted; please send it again"));
      return;
    }
    if (outcome instanceof Outcome.Invalid invalid) {
      LOG.info("event=intake.invalid form={} fields={}", form.id(), invalid.problems().size());
      if (api) {
        Responses.problem(response, Problem.invalidFields(invalid.problems()));
      } else {
        Responses.html(response, 400, FormPage.render(request.getContextPath(), gateway.config(), form,
            submission.values(),
            invalid.problems(), submission.idempotencyKey().orElse(UUID.randomUUID().toString())));
      }
      return;
    }
    Outcome.Accepted accepted = (Outcome.Accepted) outcome;
    LOG.debug("event=intake.accepted form={} lead={} replayed={}", form.id(), accepted.leadId(),
        accepted.replayed());
    if (api) {
      ObjectNode body = Responses.object().put("leadId", accepted.leadId()).put("status", "accepted");
      if (!accepted.consents().isEmpty()) {
        ArrayNode consents = body.putArray("consent");
        accepted.consents().forEach(reply -> consents.addObject().put("channel", reply.channel())
            .put("purpose", reply.purpose()).put("status", reply.status()));
      }
      Responses.json(response, 202, body);
    } else {
      String target = form.thankYouUrl();
      response.setStatus(303);
      response.setHeader("Location", target.startsWith("/")
          ? request.getContextPath() + target + consentHint(target, accepted) : target);
    }
  }

  /**
   * For the gateway's own thank-you page: what the person should know about their consent (check the inbox, or
   * already confirmed; check the phone for the SMS). External thank-you pages get nothing appended.
   */
  private static String consentHint(String target, Outcome.Accepted accepted) {
    List<String> hints = new java.util.ArrayList<>();
    accepted.consents().stream()
        .filter(reply -> reply.channel().equals("email"))
        .map(Outcome.ConsentReply::status)
        .filter(status -> status.equals("already-confirmed") || status.startsWith("confirmation-mail"))
        .findFirst()
        .ifPresent(status -> hints.add("consent=" + (status.equals("already-confirmed") ? "confirmed" : "check-inbox")));
    if (accepted.consents().stream().anyMatch(reply -> reply.status().startsWith("confirmation-sms"))) {
      hints.add("sms=check-phone");
    }
    return hints.isEmpty() ? "" : (target.contains("?") ? "&" : "?") + String.join("&", hints);
  }

  private Optional<FormConfig> form(HttpServletRequest request) {
    String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
    String id = path.length() > 1 && path.indexOf('/', 1) < 0 ? path.substring(1) : "";
    return GatewayBootstrap.gateway(getServletContext()).config().form(id);
  }

  /** API clients ask for JSON or post it; everybody else is treated as a browser. */
  static boolean wantsJson(HttpServletRequest request) {
    String accept = Optional.ofNullable(request.getHeader("Accept")).orElse("");
    String contentType = Optional.ofNullable(request.getContentType()).orElse("");
    return accept.contains("application/json") || accept.contains("application/problem+json")
        || (contentType.startsWith("application/json") && !accept.contains("text/html"));
  }

  private static void fail(HttpServletRequest request, HttpServletResponse response, boolean api, Problem problem)
      throws IOException {
    if (api) {
      Responses.problem(response, problem);
    } else {
      Responses.html(response, problem.status(),
          Layout.message(request.getContextPath(), problem.title(), problem.detail()));
    }
  }

  private static void allowCrossOrigin(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("Access-Control-Allow-Origin", request.getHeader("Origin"));
    response.addHeader("Vary", "Origin");
  }
}
