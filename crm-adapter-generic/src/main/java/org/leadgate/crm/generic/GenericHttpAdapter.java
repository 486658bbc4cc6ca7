package org.leadgate.crm.generic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.leadgate.http.RetryAfter;
import org.leadgate.lead.LeadJson;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each lead as LeadGate's lead JSON to the configured URL, once per delivery, and maps the answer: 2xx
 * delivered, 408/429/5xx and I/O failures retry (honouring {@code Retry-After}), other 4xx rejected.
 *
 * <p>Lead field values never go into reasons or log lines; a reason carries at most the CRM's own answer, shortened.
 */
final class GenericHttpAdapter implements CrmAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(GenericHttpAdapter.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** How much of an answer is read: enough for an id or an error message. */
  private static final long MAX_BODY_BYTES = 64 * 1024;
  private static final int MAX_SNIPPET_CHARS = 500;

  private final GenericHttpSettings settings;
  private final HttpUrl url;
  private final Clock clock;
  private final OkHttpClient client;

  GenericHttpAdapter(GenericHttpSettings settings, Clock clock) {
    this.settings = settings;
    this.url = HttpUrl.get(settings.url());
    this.clock = clock;
    Duration timeout = settings.timeout();
    this.client = new OkHttpClient.Builder()
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .callTimeout(timeout)
        // A POST answered with 301/302 would be followed as a GET and the lead silently lost.
        .followRedirects(false)
        .followSslRedirects(false)
        .build();
  }

  @Override
  public DeliveryResult deliver(Delivery delivery) {
    String leadId = delivery.lead().id();
    Request.Builder request = new Request.Builder()
        .url(url)
        .header("Idempotency-Key", delivery.idempotencyKey())
        .post(RequestBody.create(LeadJson.toBytes(delivery.lead()), JSON));
    settings.header().ifPresent(h -> request.header(h.name(), h.value()));

    long started = System.nanoTime();
    try (Response response = client.newCall(request.build()).execute()) {
      int status = response.code();
      String body = readBody(response);
      long millis = elapsedMillis(started);
      DeliveryResult result = interpret(status, body, response.header("Retry-After"));
      if (result instanceof DeliveryResult.Delivered) {
        LOG.debug("Lead {} delivered to CRM: HTTP {} in {} ms", leadId, status, millis);
      } else if (result instanceof DeliveryResult.Rejected) {
        LOG.warn("Lead {} rejected by CRM: HTTP {} in {} ms", leadId, status, millis);
      } else {
        LOG.info("Lead {} not accepted by CRM for now: HTTP {} in {} ms", leadId, status, millis);
      }
      return result;
    } catch (IOException e) {
      long millis = elapsedMillis(started);
      LOG.info("Lead {} not delivered to CRM: {} after {} ms", leadId, e.getClass().getSimpleName(), millis);
      return DeliveryResult.retry("CRM call failed: " + describe(e));
    }
  }

  private DeliveryResult interpret(int status, String body, String retryAfterHeader) {
    if (status >= 200 && status < 300) {
      return DeliveryResult.delivered(recordId(body).orElse(null));
    }
    String reason = "CRM answered " + status + snippet(body);
    if (status == 408 || status == 429 || status >= 500) {
      return DeliveryResult.retry(reason, RetryAfter.parse(retryAfterHeader, clock).orElse(null));
    }
    if (status >= 400) {
      return DeliveryResult.rejected(reason);
    }
    // 1xx/3xx: redirects are not followed, so this is a setup problem, not the lead's; keep the lead.
    return DeliveryResult.retry(reason + " (redirects are not followed; check crm.settings.url)");
  }

  /** The status decides the outcome; an answer body that cannot be read is treated as empty. */
  private static String readBody(Response response) {
    try {
      return response.peekBody(MAX_BODY_BYTES).string();
    } catch (IOException e) {
      return "";
    }
  }

  /** The CRM's record id: the string or number field {@code id} of a JSON object answer. */
  static Optional<String> recordId(String body) {
    if (body.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode id = MAPPER.readTree(body).path("id");
      if (id.isTextual() && !id.textValue().isBlank()) {
        return Optional.of(id.textValue());
      }
      if (id.isNumber()) {
        return Optional.of(id.asText());
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** {@code ": "} and the first 500 characters of the answer with whitespace collapsed, or nothing if it is empty. */
  static String snippet(String body) {
    String text = body.strip().replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      return "";
    }
    if (text.length() > MAX_SNIPPET_CHARS) {
      int end = Character.isHighSurrogate(text.charAt(MAX_SNIPPET_CHARS - 1)) ? MAX_SNIPPET_CHARS - 1 : MAX_SNIPPET_CHARS;
      text = text.substring(0, end) + "…";
    }
    return ": " + text;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
  }

  private static long elapsedMillis(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
