package org.leadgate.web.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leadgate.Gateway;
import org.leadgate.config.AdminConfig;
import org.leadgate.http.Problem;
import org.leadgate.web.http.Responses;

/**
 * Checks the API bearer token and its role ({@code admin.token}, {@code admin.tokens}); without any token the API
 * is off.
 */
public final class AdminAuth {
  private AdminAuth() {}

  /** The caller's token if it may use {@code role}; otherwise the refusal (401, 403 or 404) is already written. */
  /**
   * An admin's request to an address with an id in its path: the path matched against {@code path}, or empty once
   * the request was answered — 401/403 without the admin token, 404 with {@code usage} for another path.
   */
  public static Optional<Matcher> adminPath(Gateway gateway, HttpServletRequest request, HttpServletResponse response,
      Pattern path, String usage) throws IOException {
    if (check(gateway.config().admin().tokens(), AdminConfig.ADMIN, request, response).isEmpty()) {
      return Optional.empty();
    }
    Matcher matched = path.matcher(Optional.ofNullable(request.getPathInfo()).orElse("/"));
    if (!matched.matches()) {
      Responses.problem(response, Problem.of(404, "not-found", "Not found", usage));
      return Optional.empty();
    }
    return Optional.of(matched);
  }

  public static Optional<AdminConfig.ApiToken> check(List<AdminConfig.ApiToken> tokens, String role,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (tokens.isEmpty()) {
      Responses.problem(response, Problem.of(404, "admin-api-disabled", "Admin API disabled",
          "set admin.token or admin.tokens (for example through ${LEADGATE_ADMIN_TOKEN}) to use the API"));
      return Optional.empty();
    }
    byte[] sent = Optional.ofNullable(request.getHeader("Authorization")).orElse("")
        .getBytes(StandardCharsets.UTF_8);
    Optional<AdminConfig.ApiToken> caller = Optional.empty();
    for (AdminConfig.ApiToken token : tokens) {
      if (MessageDigest.isEqual(("Bearer " + token.token()).getBytes(StandardCharsets.UTF_8), sent)) {
        caller = Optional.of(token);
      }
    }
    if (caller.isEmpty()) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"leadgate-admin\"");
      Responses.problem(response, Problem.of(401, "unauthorized", "Unauthorized",
          "send an API token as 'Authorization: Bearer <token>'"));
      return Optional.empty();
    }
    if (!caller.get().roles().contains(role)) {
      Responses.problem(response, Problem.of(403, "forbidden", "Forbidden",
          "the token '" + caller.get().name() + "' lacks the role '" + role + "'"));
      return Optional.empty();
    }
    return caller;
  }
}
