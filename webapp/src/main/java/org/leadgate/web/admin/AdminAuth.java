package org.leadgate.web.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.leadgate.web.http.Problem;
import org.leadgate.web.http.Responses;

/** Checks the admin bearer token ({@code admin.token}); without a configured token the admin API is off. */
final class AdminAuth {
  private AdminAuth() {}

  /** True if the request may go on; otherwise the refusal is already written. */
  static boolean check(Optional<String> token, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (token.isEmpty()) {
      Responses.problem(response, Problem.of(404, "admin-api-disabled", "Admin API disabled",
          "set admin.token (for example through ${LEADGATE_ADMIN_TOKEN}) to use the admin API"));
      return false;
    }
    String header = Optional.ofNullable(request.getHeader("Authorization")).orElse("");
    byte[] expected = ("Bearer " + token.get()).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"leadgate-admin\"");
      Responses.problem(response, Problem.of(401, "unauthorized", "Unauthorized",
          "send the admin token as 'Authorization: Bearer <token>'"));
      return false;
    }
    return true;
  }
}
