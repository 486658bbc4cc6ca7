package org.leadgate.web.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.Gateway;
import org.leadgate.config.AdminConfig;
import org.leadgate.consent.Actor;
import org.leadgate.consent.Channel;
import org.leadgate.consent.Evidence;
import org.leadgate.consent.Subject;
import org.leadgate.consent.ledger.Verification;
import org.leadgate.http.Problem;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.web.admin.AdminAuth;
import org.leadgate.web.bootstrap.GatewayBootstrap;
import org.leadgate.web.http.JsonBody;
import org.leadgate.web.http.Responses;

/**
 * The consent API: {@code POST /api/consents/withdraw} (a CRM-side opt-out or objection, role {@code admin}),
 * {@code POST /api/consents/use} (a call was made, role {@code admin}), {@code POST /api/consents/grant} (the
 * existing-customer exception for email, UWG §7(3), role {@code admin}) and {@code GET /api/consents/verify} (walk
 * the ledger's chain, role {@code compliance}).
 */
public final class ConsentApiServlet extends HttpServlet {
  private static final int MAX_BODY = 16 * 1024;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Gateway gateway = GatewayBootstrap.gateway(getServletContext());
    String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
    String method = request.getMethod();
    try {
      if (path.equals("/verify") && method.equals("GET")) {
        if (AdminAuth.check(gateway.config().admin().tokens(), AdminConfig.COMPLIANCE, request, response)
            .isPresent()) {
          verify(gateway, response);
        }
      } else if ((path.equals("/withdraw") || path.equals("/use") || path.equals("/grant"))
          && method.equals("POST")) {
        Optional<AdminConfig.ApiToken> caller =
            AdminAuth.check(gateway.config().admin().tokens(), AdminConfig.ADMIN, request, response);
        if (caller.isPresent()) {
          change(gateway, caller.get(), path.substring(1), request, response);
        }
      } else {
        Responses.problem(response, Problem.of(404, "not-found", "Not found", "no consent API at " + path));
      }
    } catch (SQLException e) {
      Responses.storageUnavailable(response, "the consent ledger could not be reached; nothing was changed");
    }
  }

  private static void verify(Gateway gateway, HttpServletResponse response) throws IOException, SQLException {
    Verification result = gateway.consent().verify();
    if (result instanceof Verification.Intact intact) {
      Responses.json(response, 200, Responses.object().put("status", "intact").put("events", intact.events()));
    } else {
      Verification.Broken broken = (Verification.Broken) result;
      Responses.json(response, 409, Responses.object().put("status", "broken").put("seq", broken.seq())
          .put("problem", broken.problem()).put("intactEvents", broken.eventsCheckedBefore()));
    }
  }

  private static void change(Gateway gateway, AdminConfig.ApiToken caller, String action,
      HttpServletRequest request, HttpServletResponse response) throws IOException, SQLException {
    boolean withdraw = action.equals("withdraw");
    Optional<JsonNode> body = JsonBody.object(request, response, MAX_BODY, "one JSON object");
    if (body.isEmpty()) {
      return;
    }
    JsonNode json = body.get();
    List<FieldProblem> problems = new ArrayList<>();
    Optional<Channel> channel = Channel.parse(json.path("channel").asText("email"));
    if (channel.isEmpty()) {
      problems.add(new FieldProblem("channel", "must be email, phone, sms or post"));
    }
    Optional<Subject> subject = subject(json, channel.orElse(Channel.EMAIL), problems);
    Optional<String> purpose = Optional.of(json.path("purpose").asText("")).filter(p -> !p.isBlank());
    if (purpose.isPresent() && gateway.config().consent().purpose(purpose.get()).isEmpty()) {
      problems.add(new FieldProblem("purpose", "unknown purpose '" + purpose.get() + "'"));
    }
    if (!withdraw && purpose.isEmpty()) {
      problems.add(new FieldProblem("purpose", "is required"));
    }
    String saleReference = json.path("saleReference").asText("").strip();
    if (action.equals("grant")) {
      if (!json.path("basis").asText("").equals("existing-customer")) {
        problems.add(new FieldProblem("basis", "only existing-customer can be granted through the API; other"
            + " consent needs its own proof (double opt-in or documented evidence)"));
      }
      if (channel.isPresent() && channel.get() != Channel.EMAIL) {
        problems.add(new FieldProblem("channel", "the existing-customer exception applies to email only"));
      }
      if (saleReference.isEmpty() || saleReference.length() > 200) {
        problems.add(new FieldProblem("saleReference", "is required (the sale the address was obtained with)"));
      }
    }
    if (!problems.isEmpty()) {
      Responses.problem(response, Problem.invalidFields(problems));
      return;
    }
    Actor actor = Actor.admin(caller.name());
    if (withdraw) {
      boolean objection = json.path("objection").asBoolean(false);
      List<String> ended = gateway.consent().end(subject.get(), channel.get(), purpose, objection, actor,
          Map.of(Evidence.NOTE, json.path("note").asText("withdrawn through the API by " + caller.name())));
      ArrayNode purposes = Responses.array();
      ended.forEach(purposes::add);
      Responses.json(response, 200, Responses.object().put("action", objection ? "objected" : "withdrawn")
          .set("purposes", purposes));
    } else if (action.equals("grant")) {
      gateway.consent().grantExistingCustomer(subject.get(), purpose.get(), saleReference, actor);
      Responses.json(response, 200, Responses.object().put("action", "granted").put("purpose", purpose.get())
          .put("basis", "existing-customer"));
    } else {
      gateway.consent().use(subject.get(), channel.get(), purpose.get(), actor);
      Responses.json(response, 200, Responses.object().put("action", "used").put("purpose", purpose.get()));
    }
  }

  private static Optional<Subject> subject(JsonNode json, Channel channel, List<FieldProblem> problems) {
    if (channel == Channel.EMAIL) {
      String email = json.path("email").asText("");
      if (!email.matches("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+")) {
        problems.add(new FieldProblem("email", "is required and must be an email address"));
        return Optional.empty();
      }
      return Optional.of(Subject.email(email));
    }
    String phone = json.path("phone").asText("");
    if (phone.chars().filter(Character::isDigit).count() < 5) {
      problems.add(new FieldProblem("phone", "is required and must be a phone number"));
      return Optional.empty();
    }
    return Optional.of(Subject.phone(phone));
  }
}
