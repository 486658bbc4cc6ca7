package org.leadgate.crm.generic;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.leadgate.crm.generic.auth.Auth;
import org.leadgate.crm.generic.auth.RequestSigner;
import org.leadgate.http.RetryAfter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends writes to one CRM target: adds the {@code Idempotency-Key}, credentials and signature, never follows
 * redirects, renews credentials and tries once more after a 401 (OAuth), reads the verdict from the status, and keeps
 * the target's circuit breaker: while it is open, nothing is sent. Log lines carry the operation, lead count, status
 * and latency, never URLs (they may hold an API key) or bodies.
 */
final class CrmClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CrmClient.class);
  private static final MediaType JSON = MediaType.get("application/json");
  /** How much of an answer is read: enough for the ids of a full batch or an error message. */
  private static final long MAX_BODY_BYTES = 1024 * 1024;

  private final OkHttpClient http;
  private final Auth auth;
  private final Optional<RequestSigner> signer;
  private final StatusPolicy status;
  private final CircuitBreaker breaker;
  private final Duration openFor;
  private final Clock clock;
  /** When the circuit last opened, on the injected clock. */
  private volatile Instant openedAt = Instant.EPOCH;

  CrmClient(TargetSettings target, Clock clock) {
    Duration timeout = target.timeout();
    this.http = new OkHttpClient.Builder()
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .callTimeout(timeout)
        // A POST answered with 301/302 would be followed as a GET and the lead silently lost.
        .followRedirects(false)
        .followSslRedirects(false)
        .build();
    this.auth = target.auth().open(http, clock);
    this.signer = target.signing();
    this.status = target.status();
    this.clock = clock;
    this.breaker = CircuitBreaker.of("crm-generic", target.breaker().config(clock));
    this.openFor = target.breaker().openFor();
    breaker.getEventPublisher().onStateTransition(event -> {
      if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
        openedAt = clock.instant();
      }
      LOG.info("event=crm.generic.circuit state={}", event.getStateTransition().getToState());
    });
  }

  /** Sends the write, unless the circuit is open. */
  Answer send(Outgoing write) {
    if (!breaker.tryAcquirePermission()) {
      LOG.info("event=crm.generic.not_sent operation={} leads={} cause=circuit_open", write.operation(), write.leads());
      Duration stillOpen = openFor.minus(Duration.between(openedAt, clock.instant()));
      return new Answer.NotSent("the CRM failed repeatedly, so its circuit breaker is open; not called",
          stillOpen.isNegative() ? Duration.ZERO : stillOpen);
    }
    long started = System.nanoTime();
    Answer answer = exchange(write);
    long nanos = System.nanoTime() - started;
    breaker.onResult(nanos, TimeUnit.NANOSECONDS, answer);
    log(write, answer, TimeUnit.NANOSECONDS.toMillis(nanos));
    return answer;
  }

  /** Deliveries at debug, answers to retry at info, refusals at warn; never a lead value. */
  private static void log(Outgoing write, Answer answer, long millis) {
    if (answer instanceof Answer.Reply reply) {
      String line = "event=crm.generic.sent operation={} leads={} status={} verdict={} latency_ms={}";
      Object[] args = {write.operation(), write.leads(), reply.status(), reply.verdict(), millis};
      switch (reply.verdict()) {
        case DELIVERED -> LOG.debug(line, args);
        case RETRY -> LOG.info(line, args);
        case REJECT -> LOG.warn(line, args);
      }
    } else {
      LOG.info("event=crm.generic.not_answered operation={} leads={} latency_ms={}", write.operation(), write.leads(),
          millis);
    }
  }

  private Answer exchange(Outgoing write) {
    Request request = new Request.Builder()
        .url(write.url())
        .headers(write.headers())
        .header("Idempotency-Key", write.idempotencyKey())
        .method(write.method(), RequestBody.create(write.body(), JSON))
        .build();
    Answer answer = call(request, write.body());
    if (answer instanceof Answer.Reply reply && reply.status() == 401 && auth.renew()) {
      LOG.info("event=crm.generic.unauthorized operation={} action=renew_credentials", write.operation());
      return call(request, write.body());
    }
    return answer;
  }

  private Answer call(Request request, byte[] body) {
    Auth.Authorization authorization = auth.authorize(request);
    if (authorization instanceof Auth.Authorization.Unavailable unavailable) {
      return new Answer.Unanswered(unavailable.reason());
    }
    Request authorized = ((Auth.Authorization.Ready) authorization).request();
    Request signed = signer.map(s -> s.sign(authorized, body, clock)).orElse(authorized);
    try (Response response = http.newCall(signed).execute()) {
      StatusPolicy.Verdict verdict = status.verdict(response.code());
      Optional<Duration> retryAfter = verdict == StatusPolicy.Verdict.RETRY
          ? RetryAfter.parse(response.header("Retry-After"), clock)
          : Optional.empty();
      return new Answer.Reply(response.code(), verdict, readBody(response), retryAfter);
    } catch (IOException e) {
      return new Answer.Unanswered("CRM call failed: " + describe(e));
    }
  }

  /** The state of the target's circuit breaker: CLOSED, OPEN or HALF_OPEN. */
  String circuit() {
    return breaker.getState().name();
  }

  /** The status decides the outcome; an answer body that cannot be read is treated as empty. */
  private static String readBody(Response response) {
    try {
      return response.peekBody(MAX_BODY_BYTES).string();
    } catch (IOException e) {
      return "";
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
