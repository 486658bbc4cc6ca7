package org.leadgate.consent.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each SMS with one JSON {@code POST} to a generic HTTP SMS gateway ({@link SmsSettings.Gateway}). A 2xx
 * answer means sent (its id read with the configured JSON pointer, if any); 408, 429, 5xx, timeouts and I/O failures
 * are passing failures, worth trying again later; any other status (4xx: a refused number or request, bad
 * credentials; 3xx: redirects are not followed) is permanent. Logs name statuses only, never the number or the text.
 */
public final class HttpSmsSender implements SmsSender {
  private static final Logger LOG = LoggerFactory.getLogger(HttpSmsSender.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(to|text|id)}");
  private static final long MAX_ANSWER_BYTES = 64 * 1024;

  private final SmsSettings.Gateway gateway;
  private final OkHttpClient client;

  public HttpSmsSender(SmsSettings.Gateway gateway) {
    this.gateway = gateway;
    this.client = new OkHttpClient.Builder()
        .callTimeout(gateway.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .followRedirects(false)
        .followSslRedirects(false)
        .build();
  }

  @Override
  public SmsResult send(SmsMessage message) {
    Request.Builder request = new Request.Builder().url(gateway.url().toString())
        .post(RequestBody.create(body(message), JSON_TYPE));
    gateway.auth().ifPresent(auth -> request.header(auth.header(), auth.value()));
    long started = System.nanoTime();
    SmsResult result;
    String status = "none";
    try (Response response = client.newCall(request.build()).execute()) {
      status = Integer.toString(response.code());
      result = classify(response);
    } catch (IOException e) {
      result = new SmsResult.Failed(false, "I/O failure: " + e.getClass().getSimpleName());
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    if (result instanceof SmsResult.Failed failed) {
      LOG.info("event=sms.http status={} result=failed permanent={} millis={}", status, failed.permanent(), millis);
    } else {
      LOG.debug("event=sms.http status={} result=sent millis={}", status, millis);
    }
    return result;
  }

  private SmsResult classify(Response response) throws IOException {
    int status = response.code();
    if (status >= 200 && status < 300) {
      return new SmsResult.Sent(messageId(response));
    }
    boolean passing = status == 408 || status == 429 || status >= 500;
    return new SmsResult.Failed(!passing, "HTTP " + status + (status < 400 ? " (redirects are not followed)" : ""));
  }

  /** The gateway's id of the SMS at the configured pointer; empty (with a warning) if the answer has none. */
  private Optional<String> messageId(Response response) throws IOException {
    if (gateway.messageIdPointer().isEmpty()) {
      return Optional.empty();
    }
    BufferedSource source = response.body().source();
    Optional<String> id = Optional.empty();
    if (!source.request(MAX_ANSWER_BYTES + 1)) {
      try {
        JsonNode value = JSON.readTree(source.getBuffer().readByteArray()).at(gateway.messageIdPointer().get());
        id = value.isValueNode() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
      } catch (IOException e) {
        id = Optional.empty();
      }
    }
    if (id.isEmpty()) {
      LOG.warn("event=sms.no_gateway_message_id note=\"the answer has no id at the configured messageIdPointer;"
          + " the SMS is sent and known by LeadGate's id\"");
    }
    return id;
  }

  private byte[] body(SmsMessage message) {
    ObjectNode body = gateway.body();
    fill(body, Map.of("to", message.to(), "text", message.text(), "id", message.id()));
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** Replaces the placeholders in every string value of the tree, once (a value is not expanded again). */
  private static void fill(JsonNode node, Map<String, String> values) {
    if (node instanceof ObjectNode object) {
      object.properties().forEach(entry -> {
        if (entry.getValue().isTextual()) {
          entry.setValue(TextNode.valueOf(fill(entry.getValue().asText(), values)));
        } else {
          fill(entry.getValue(), values);
        }
      });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual()) {
          array.set(i, TextNode.valueOf(fill(array.get(i).asText(), values)));
        } else {
          fill(array.get(i), values);
        }
      }
    }
  }

  private static String fill(String text, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder filled = new StringBuilder(text.length() + 256);
    while (matcher.find()) {
      matcher.appendReplacement(filled, Matcher.quoteReplacement(values.get(matcher.group(1))));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }

  /** Whether some string value of the tree contains {@code placeholder} (for the settings' check). */
  static boolean containsInStrings(JsonNode node, String placeholder) {
    if (node.isTextual()) {
      return node.asText().contains(placeholder);
    }
    for (JsonNode child : node) {
      if (containsInStrings(child, placeholder)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "HttpSmsSender[" + gateway.url() + "]";
  }
}
