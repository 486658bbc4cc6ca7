package org.leadgate.crm.salesforce.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one session per org. Salesforce gives no expiry with a token, so a session is renewed once 75% of the
 * configured session timeout has passed. After a 401, {@link #renew} mints once for all callers that saw the same
 * session: who comes second gets the session the first one minted.
 */
public final class TokenSource {
  private static final Logger LOG = LoggerFactory.getLogger(TokenSource.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient http;
  private final HttpUrl tokenUrl;
  private final TokenFlow flow;
  private final Duration renewAfter;
  private final Clock clock;
  private Session.Active current;
  private Instant mintedAt;
  private String lastFailure;

  TokenSource(OkHttpClient http, HttpUrl tokenUrl, TokenFlow flow, Duration sessionTimeout, Clock clock) {
    this.http = http;
    this.tokenUrl = tokenUrl;
    this.flow = flow;
    this.renewAfter = sessionTimeout.multipliedBy(3).dividedBy(4);
    this.clock = clock;
  }

  /** The cached session, or a new one when there is none or it is due for renewal. */
  public synchronized Session session() {
    if (current != null && clock.instant().isBefore(mintedAt.plus(renewAfter))) {
      return current;
    }
    return mint();
  }

  /** A new session after Salesforce refused {@code rejected}; the one already minted if another caller renewed. */
  public synchronized Session renew(Session.Active rejected) {
    if (current != null && current != rejected) {
      return current;
    }
    return mint();
  }

  /** The flow in use and, while the token endpoint refuses, why. */
  public synchronized String status() {
    return lastFailure == null ? "ok" : lastFailure;
  }

  private Session mint() {
    current = null;
    long started = System.nanoTime();
    Request request = new Request.Builder().url(tokenUrl).post(flow.form(clock.instant())).build();
    try (Response response = http.newCall(request).execute()) {
      long millis = (System.nanoTime() - started) / 1_000_000;
      JsonNode json = readJson(response);
      if (response.code() == 200 && json.hasNonNull("access_token") && instanceUrl(json) != null) {
        current = new Session.Active(json.path("access_token").asText(), instanceUrl(json));
        mintedAt = clock.instant();
        lastFailure = null;
        LOG.info("event=salesforce.token_minted flow={} status=200 latency_ms={}", flow.name(), millis);
        return current;
      }
      String error = json.path("error").asText("HTTP " + response.code());
      LOG.warn("event=salesforce.token_refused flow={} status={} error={} latency_ms={}", flow.name(),
          response.code(), error, millis);
      return unavailable("Salesforce refused the " + flow.name() + " token request: " + error
          + describe(json.path("error_description").asText("")) + "; check crm.settings.auth and loginUrl");
    } catch (IOException e) {
      LOG.warn("event=salesforce.token_unreachable flow={} error={}", flow.name(), e.getClass().getSimpleName());
      return unavailable("Salesforce token endpoint unreachable: " + e.getClass().getSimpleName());
    }
  }

  private Session unavailable(String reason) {
    lastFailure = reason;
    return new Session.Unavailable(reason);
  }

  private static HttpUrl instanceUrl(JsonNode json) {
    return HttpUrl.parse(json.path("instance_url").asText(""));
  }

  private static String describe(String description) {
    return description.isBlank() ? "" : " (" + description + ")";
  }

  private static JsonNode readJson(Response response) throws IOException {
    String body = response.body().string();
    try {
      return MAPPER.readTree(body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      return MAPPER.createObjectNode();
    }
  }
}
