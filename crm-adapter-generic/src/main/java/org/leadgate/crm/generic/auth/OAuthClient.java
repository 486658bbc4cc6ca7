package org.leadgate.crm.generic.auth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens from an OAuth 2.0 token endpoint by the client credentials grant. A token is fetched when first needed
 * and kept until {@value #MARGIN_SECONDS} seconds before its {@code expires_in} runs out on the injected clock (a token
 * without {@code expires_in} is kept until the CRM answers 401); after a 401 it is dropped and fetched again once.
 */
final class OAuthClient implements Auth {
  static final long MARGIN_SECONDS = 30;
  private static final Logger LOG = LoggerFactory.getLogger(OAuthClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_ANSWER_BYTES = 64 * 1024;

  private final ClientCredentials settings;
  private final OkHttpClient client;
  private final Clock clock;
  private String token;
  private Instant renewAt = Instant.MIN;

  OAuthClient(ClientCredentials settings, OkHttpClient client, Clock clock) {
    this.settings = settings;
    this.client = client;
    this.clock = clock;
  }

  @Override
  public synchronized Authorization authorize(Request request) {
    if (token == null || !clock.instant().isBefore(renewAt)) {
      token = null;
      Optional<String> failure = fetch();
      if (failure.isPresent()) {
        return new Authorization.Unavailable(failure.get());
      }
    }
    return new Authorization.Ready(request.newBuilder().header("Authorization", "Bearer " + token).build());
  }

  @Override
  public synchronized boolean renew() {
    token = null;
    return true;
  }

  /** Fetches a token; answers why that failed, or nothing. */
  private Optional<String> fetch() {
    FormBody.Builder form = new FormBody.Builder().add("grant_type", "client_credentials");
    settings.scope().ifPresent(scope -> form.add("scope", scope));
    Request.Builder request = new Request.Builder().url(settings.tokenUrl()).header("Accept", "application/json");
    if (settings.basicAuth()) {
      request.header("Authorization",
          Credentials.basic(settings.clientId(), settings.clientSecret(), StandardCharsets.UTF_8));
    } else {
      form.add("client_id", settings.clientId()).add("client_secret", settings.clientSecret());
    }
    try (Response response = client.newCall(request.post(form.build()).build()).execute()) {
      JsonNode answer = read(response);
      if (!response.isSuccessful() || !answer.path("access_token").isTextual()) {
        String error = answer.path("error").asText("");
        LOG.warn("event=crm.generic.token_failed status={} error={}", response.code(), error.isEmpty() ? "-" : error);
        return Optional.of("the OAuth token endpoint answered " + response.code() + (error.isEmpty() ? "" : " " + error)
            + (response.isSuccessful() ? " without an access_token" : ""));
      }
      token = answer.get("access_token").textValue();
      renewAt = expiry(answer.path("expires_in"));
      LOG.info("event=crm.generic.token_fetched expires_in_s={}", answer.path("expires_in").asText("-"));
      return Optional.empty();
    } catch (IOException e) {
      LOG.warn("event=crm.generic.token_failed error={}", e.getClass().getSimpleName());
      return Optional.of("the OAuth token endpoint could not be reached: " + e.getClass().getSimpleName());
    }
  }

  private Instant expiry(JsonNode expiresIn) {
    long seconds = expiresIn.asLong(0);
    if (seconds <= 0) {
      return Instant.MAX;
    }
    return clock.instant().plus(Duration.ofSeconds(Math.max(0, seconds - MARGIN_SECONDS)));
  }

  private static JsonNode read(Response response) throws IOException {
    String body = response.peekBody(MAX_ANSWER_BYTES).string();
    try {
      return JSON.readTree(body.isBlank() ? "{}" : body);
    } catch (JacksonException e) {
      return JSON.createObjectNode();
    }
  }
}
