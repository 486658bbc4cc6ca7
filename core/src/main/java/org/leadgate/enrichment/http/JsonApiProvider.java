package org.leadgate.enrichment.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.leadgate.enrichment.EnrichmentContext;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.EnrichmentProvider;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderResult.Failed;
import org.leadgate.enrichment.ProviderResult.Kind;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.http.RetryAfter;
import org.leadgate.lead.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks a lead up with one GET to a {@link JsonApi} and classifies the answer: 2xx JSON with mapped values is Found,
 * without any NoMatch; the API's no-match statuses are NoMatch; 401 unauthorized; 402 out of credits; 403 as the API
 * says; 429 and 5xx transient (with {@code Retry-After} or the vendor's reset time); other statuses, non-JSON,
 * malformed or oversized answers bad responses; I/O failures and timeouts transient. Redirects are not followed, so
 * lead data goes to the configured host only.
 *
 * <p>URLs carry lead data and are never logged; reasons name statuses and kinds only.
 */
final class JsonApiProvider implements EnrichmentProvider {
  private static final Logger LOG = LoggerFactory.getLogger(JsonApiProvider.class);
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final String name;
  private final JsonApi api;
  private final Clock clock;
  private final OkHttpClient client;

  JsonApiProvider(EnrichmentContext context, JsonApi api) {
    this.name = context.name();
    this.api = api;
    this.clock = context.clock();
    this.client = context.http().newBuilder()
        .followRedirects(false)
        .followSslRedirects(false)
        .build();
  }

  @Override
  public Optional<LookupQuery> query(EnrichmentInput input) {
    return api.requests().stream()
        .map(request -> request.valuesFrom(input))
        .flatMap(Optional::stream)
        .findFirst()
        .map(LookupQuery::new);
  }

  @Override
  public ProviderResult lookup(LookupQuery query, Duration timeout) {
    if (timeout.isZero() || timeout.isNegative()) {
      // OkHttp reads a zero timeout as "none"; with no time left there is no call to make.
      return new Failed(Kind.TRANSIENT, "no time left for the call");
    }
    Map<String, String> values = query.parameters();
    UrlTemplate template = api.requests().stream()
        .filter(request -> request.keys().equals(values.keySet()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a query of provider " + name + ": " + query));
    Request request = new Request.Builder().url(template.expand(values)).headers(api.headers()).get().build();
    Call call = client.newCall(request);
    call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);

    long started = System.nanoTime();
    String status = "none";
    ProviderResult result;
    try (Response response = call.execute()) {
      status = Integer.toString(response.code());
      result = classify(response);
    } catch (IOException e) {
      result = new Failed(Kind.TRANSIENT, "I/O failure: " + e.getClass().getSimpleName());
    }
    log(status, result, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return result;
  }

  private ProviderResult classify(Response response) throws IOException {
    int status = response.code();
    if (status >= 200 && status < 300) {
      return readAnswer(response.body());
    }
    if (api.noMatchStatuses().contains(status)) {
      return new ProviderResult.NoMatch();
    }
    String reason = "HTTP " + status;
    Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After"), clock);
    return switch (status) {
      case 401 -> new Failed(Kind.UNAUTHORIZED, reason);
      case 402 -> new Failed(Kind.OUT_OF_CREDITS, reason);
      case 403 -> new Failed(api.forbidden(), reason);
      case 429 -> new Failed(Kind.TRANSIENT, reason,
          retryAfter.or(() -> api.rateLimitWait().after(response.headers(), clock)));
      default -> status >= 500
          ? new Failed(Kind.TRANSIENT, reason, retryAfter)
          : new Failed(Kind.BAD_RESPONSE, status < 400 ? reason + " (redirects are not followed)" : reason);
    };
  }

  /** Reads at most {@link JsonApi#maxResponseBytes()} (plus one byte to tell), never a whole huge body. */
  private ProviderResult readAnswer(ResponseBody body) throws IOException {
    MediaType type = body.contentType();
    if (!isJson(type)) {
      return new Failed(Kind.BAD_RESPONSE,
          "answer is not JSON but " + (type == null ? "has no content type" : type.type() + "/" + type.subtype()));
    }
    long max = api.maxResponseBytes();
    BufferedSource source = body.source();
    if (source.request(max + 1)) {
      return new Failed(Kind.BAD_RESPONSE, "answer is larger than " + max + " bytes");
    }
    JsonNode answer;
    try {
      answer = MAPPER.readTree(source.getBuffer().readByteArray());
    } catch (JsonProcessingException e) {
      return new Failed(Kind.BAD_RESPONSE, "answer is malformed JSON");
    }
    if (!answer.isContainerNode()) {
      return new Failed(Kind.BAD_RESPONSE, "answer is not a JSON object or array");
    }
    return api.reader().read(answer);
  }

  private static boolean isJson(MediaType type) {
    return type != null && type.type().equals("application")
        && (type.subtype().equals("json") || type.subtype().endsWith("+json"));
  }

  private void log(String status, ProviderResult result, long millis) {
    if (result instanceof Failed failed) {
      LOG.info("event=enrichment.http provider={} status={} result=failed kind={} millis={}",
          name, status, failed.kind(), millis);
    } else {
      LOG.debug("event=enrichment.http provider={} status={} result={} millis={}",
          name, status, result instanceof ProviderResult.Found ? "found" : "no-match", millis);
    }
  }

  @Override
  public Provenance.Source source() {
    return api.source();
  }
}
