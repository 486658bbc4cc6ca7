package org.leadgate.crm.generic.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Credentials that never change: headers and query parameters added to every request (a bearer token, basic auth,
 * an API key). {@link #toString()} shows names only.
 */
public record StaticCredentials(Map<String, String> headers, Map<String, String> query)
    implements AuthSettings, Auth {
  /** No credentials: a CRM behind a private network, or one that is sent a secret in a configured header. */
  public static final StaticCredentials NONE = new StaticCredentials(Map.of(), Map.of());

  public StaticCredentials {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
  }

  public static StaticCredentials bearer(String token) {
    return header("Authorization", "Bearer " + token);
  }

  public static StaticCredentials basic(String username, String password) {
    return header("Authorization", Credentials.basic(username, password, StandardCharsets.UTF_8));
  }

  public static StaticCredentials header(String name, String value) {
    return new StaticCredentials(Map.of(name, value), Map.of());
  }

  public static StaticCredentials queryParameter(String name, String value) {
    return new StaticCredentials(Map.of(), Map.of(name, value));
  }

  @Override
  public Auth open(OkHttpClient client, Clock clock) {
    return this;
  }

  @Override
  public Set<String> headerNames() {
    return headers.keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Authorization authorize(Request request) {
    Request.Builder builder = request.newBuilder();
    headers.forEach(builder::header);
    if (!query.isEmpty()) {
      HttpUrl.Builder url = request.url().newBuilder();
      query.forEach(url::addQueryParameter);
      builder.url(url.build());
    }
    return new Authorization.Ready(builder.build());
  }

  @Override
  public boolean renew() {
    return false;
  }

  @Override
  public String toString() {
    return "StaticCredentials[headers=" + headers.keySet() + ", query=" + query.keySet() + ", values=(hidden)]";
  }
}
