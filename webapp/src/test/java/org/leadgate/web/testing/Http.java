package org.leadgate.web.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** A real HTTP client for tests: posts forms and JSON to the running gateway. */
public final class Http {
  /**
   * One client per gateway port, dropped when that gateway stops ({@link #forget}): a kept-alive connection to a
   * stopped gateway must never be reused for a new one that got the same port.
   */
  private static final java.util.Map<Integer, HttpClient> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

  private Http() {}

  private static HttpClient client(URI uri) {
    return CLIENTS.computeIfAbsent(uri.getPort(),
        port -> HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build());
  }

  /** Forgets the connections to a gateway that stopped. */
  public static void forget(int port) {
    CLIENTS.remove(port);
  }

  public static String urlEncoded(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  public static HttpResponse<String> post(URI uri, String contentType, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client(uri).send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static HttpResponse<String> postForm(URI uri, Map<String, String> fields, String... headers)
      throws IOException, InterruptedException {
    return post(uri, "application/x-www-form-urlencoded", urlEncoded(fields), headers);
  }

  public static HttpResponse<String> get(URI uri, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client(uri).send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client(request.uri()).send(request, HttpResponse.BodyHandlers.ofString());
  }
}
