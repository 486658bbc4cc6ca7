package org.leadgate.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may use the API ({@code /api/...}): bearer tokens with roles. Without any token the API is switched off.
 *
 * @param tokens {@code admin.token} (all roles) and the named {@code admin.tokens}
 */
public record AdminConfig(List<ApiToken> tokens) {
  public static final String ADMIN = "admin";
  public static final String COMPLIANCE = "compliance";
  private static final Set<String> ROLES = Set.of(ADMIN, COMPLIANCE);

  public AdminConfig {
    tokens = List.copyOf(tokens);
  }

  /** A bearer token with a name (recorded in audit entries) and roles ({@code admin}, {@code compliance}). */
  public record ApiToken(String name, String token, Set<String> roles) {
    public ApiToken {
      roles = Set.copyOf(roles);
    }

    @Override
    public String toString() {
      return "ApiToken[" + name + ", roles=" + roles + "]";
    }
  }

  static AdminConfig from(ConfigNode node) {
    node.allowOnly("token", "tokens");
    List<ApiToken> tokens = new ArrayList<>();
    node.optionalString("token").ifPresent(token -> tokens.add(new ApiToken("admin", checked(node, "token", token),
        ROLES)));
    for (ConfigNode entry : node.list("tokens")) {
      entry.allowOnly("name", "token", "roles");
      List<String> roles = entry.stringList("roles");
      for (String role : roles) {
        if (!ROLES.contains(role)) {
          throw entry.error("roles", "unknown role '" + role + "'; known roles: admin, compliance");
        }
      }
      if (roles.isEmpty()) {
        throw entry.error("roles", "name at least one role: admin, compliance");
      }
      String token = entry.optionalString("token").orElse("");
      if (token.isEmpty()) {
        continue;
      }
      tokens.add(new ApiToken(entry.string("name"), checked(entry, "token", token), new HashSet<>(roles)));
    }
    return new AdminConfig(tokens);
  }

  private static String checked(ConfigNode node, String key, String token) {
    if (token.length() < 16) {
      throw node.error(key, "must be at least 16 characters long");
    }
    return token;
  }
}
