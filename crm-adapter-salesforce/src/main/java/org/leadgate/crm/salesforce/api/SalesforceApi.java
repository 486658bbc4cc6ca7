package org.leadgate.crm.salesforce.api;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.leadgate.crm.salesforce.auth.Session;
import org.leadgate.crm.salesforce.auth.TokenSource;
import org.leadgate.http.RetryAfter;
import org.leadgate.spi.DeliveryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends calls to {@code <instance_url>/services/data/vNN.N/} with the current session. A 401 renews the session
 * once and repeats the call once; a second 401 is answered as it is. Every answer's {@code Sforce-Limit-Info}
 * header goes to {@link ApiUsage}.
 */
public final class SalesforceApi {
  private static final Logger LOG = LoggerFactory.getLogger(SalesforceApi.class);
  private static final int MAX_SNIPPET = 300;

  private final OkHttpClient http;
  private final TokenSource tokens;
  private final ApiUsage usage;
  private final String apiVersion;
  private final Clock clock;

  public SalesforceApi(OkHttpClient http, TokenSource tokens, ApiUsage usage, String apiVersion, Clock clock) {
    this.http = http;
    this.tokens = tokens;
    this.usage = usage;
    this.apiVersion = apiVersion;
    this.clock = clock;
  }

  public Reply send(ApiCall call) {
    Session session = tokens.session();
    if (session instanceof Session.Unavailable unavailable) {
      return new Reply.Unreachable(unavailable.reason());
    }
    Session.Active active = (Session.Active) session;
    Reply reply = execute(active, call);
    if (reply instanceof Reply.Answered answered && answered.status() == 401) {
      LOG.info("event=salesforce.session_rejected code={} path={}", firstCode(answered), call.path());
      Session renewed = tokens.renew(active);
      if (renewed instanceof Session.Unavailable unavailable) {
        return new Reply.Unreachable(unavailable.reason());
      }
      reply = execute((Session.Active) renewed, call);
    }
    return reply;
  }

  private Reply execute(Session.Active session, ApiCall call) {
    HttpUrl.Builder url = session.instanceUrl().newBuilder()
        .addPathSegments("services/data/v" + apiVersion)
        .addPathSegments(call.path());
    call.query().forEach(url::addQueryParameter);
    Request.Builder request = new Request.Builder().url(url.build())
        .header("Authorization", "Bearer " + session.accessToken())
        .header("Accept", "application/json")
        .method(call.method(), call.body()
            .map(body -> RequestBody.create(body.content(), MediaType.get(body.mediaType() + "; charset=utf-8")))
            .orElse(null));
    call.headers().forEach(request::header);
    long started = System.nanoTime();
    try (Response response = http.newCall(request.build()).execute()) {
      usage.record(response.header("Sforce-Limit-Info"));
      String body = response.body().string();
      LOG.debug("event=salesforce.call method={} path={} status={} latency_ms={}", call.method(), call.path(),
          response.code(), (System.nanoTime() - started) / 1_000_000);
      return new Reply.Answered(response.code(), body, Optional.ofNullable(response.header("Retry-After")));
    } catch (IOException e) {
      LOG.info("event=salesforce.call_failed method={} path={} error={}", call.method(), call.path(),
          e.getClass().getSimpleName());
      return new Reply.Unreachable("Salesforce unreachable: " + e.getClass().getSimpleName());
    }
  }

  /**
   * What a failed call means for every lead it carried: passing failures (no answer, 5xx, 429, the request limit,
   * a locked row) retry, honouring {@code Retry-After} and a pause of the allowance; a 401 after renewing the
   * session and other 4xx answers (malformed request, unknown field or object: configuration mistakes) reject with
   * Salesforce's error.
   */
  public DeliveryResult failure(Reply reply) {
    if (reply instanceof Reply.Unreachable unreachable) {
      return DeliveryResult.retry(unreachable.reason());
    }
    Reply.Answered answered = (Reply.Answered) reply;
    int status = answered.status();
    String code = firstCode(answered);
    String reason = "Salesforce answered " + status + describe(answered);
    Optional<Duration> retryAfter = answered.retryAfter().flatMap(value -> RetryAfter.parse(value, clock));
    if (status == 403 && "REQUEST_LIMIT_EXCEEDED".equals(code)) {
      Optional<Duration> pause = usage.pausedUntil().map(until -> Duration.between(clock.instant(), until));
      return new DeliveryResult.Retry(reason, longest(retryAfter, pause));
    }
    if (status == 408 || status == 429 || status >= 500 || "UNABLE_TO_LOCK_ROW".equals(code)) {
      return new DeliveryResult.Retry(reason, retryAfter);
    }
    if (status == 401) {
      return DeliveryResult.rejected(reason + "; a freshly minted session was refused too: check the integration "
          + "user's API access and the connected app's session and IP policies");
    }
    if (status >= 400) {
      return DeliveryResult.rejected(reason + "; check crm.settings (externalIdField, fields, apiVersion)");
    }
    return DeliveryResult.retry(reason);
  }

  /** While the configured share of the API allowance is spent: the deferral every lead gets, without a call. */
  public Optional<DeliveryResult> paused() {
    return usage.pausedUntil().map(until -> new DeliveryResult.Deferred(
        usage.pauseReason() + "; paused until " + until, Duration.between(clock.instant(), until)));
  }

  public ApiUsage usage() {
    return usage;
  }

  private static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() || a.get().compareTo(b.get()) >= 0 ? a : b;
  }

  private static String firstCode(Reply.Answered answered) {
    List<SalesforceError> errors = answered.errors();
    return errors.isEmpty() ? "" : errors.get(0).code();
  }

  private static String describe(Reply.Answered answered) {
    List<SalesforceError> errors = answered.errors();
    if (!errors.isEmpty()) {
      return " " + errors.stream().map(SalesforceError::describe).collect(Collectors.joining("; "));
    }
    String text = answered.body().strip().replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      return "";
    }
    return ": " + (text.length() > MAX_SNIPPET ? text.substring(0, MAX_SNIPPET) + "…" : text);
  }
}
