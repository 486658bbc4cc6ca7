package org.leadgate.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A form post as it arrived: the raw body (kept as evidence) and the values parsed from it.
 *
 * @param values field name to the values posted under it, in the order they came
 * @param idempotencyKey from the {@code Idempotency-Key} header or the hidden form token
 * @param crmRecordId the CRM record the lead came from (a CRM webhook), which delivery then updates
 * @param changedAt when that CRM record last changed, if the webhook tells: the time of the values, so that a merge
 *     keeps the newest values even when notifications arrive out of order; empty (the receipt counts) when not
 *     earlier than the receipt
 */
public record Submission(
    String formId,
    Instant receivedAt,
    String contentType,
    String body,
    Map<String, List<String>> values,
    Optional<String> idempotencyKey,
    RequestContext context,
    Optional<String> crmRecordId,
    Optional<Instant> changedAt) {

  /**
   * Where a submission came from: consent evidence (encrypted) and enrichment input (the IP cut to its network once
   * looked up); never logged.
   *
   * @param ip the client's address (behind trusted proxies, from {@code X-Forwarded-For})
   * @param userAgent the browser's User-Agent
   * @param pageUrl the page the form was on (Referer, or the form's hidden page field)
   * @param acceptLanguage the browser's {@code Accept-Language}
   */
  public record RequestContext(Optional<String> ip, Optional<String> userAgent, Optional<String> pageUrl,
      Optional<String> acceptLanguage) {
    public static final RequestContext NONE = new RequestContext(Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());

    public RequestContext(Optional<String> ip, Optional<String> userAgent, Optional<String> pageUrl) {
      this(ip, userAgent, pageUrl, Optional.empty());
    }
  }

  /** A submission from a web form or API client, not from the CRM. */
  public Submission(String formId, Instant receivedAt, String contentType, String body,
      Map<String, List<String>> values, Optional<String> idempotencyKey, RequestContext context) {
    this(formId, receivedAt, contentType, body, values, idempotencyKey, context, Optional.empty(), Optional.empty());
  }

  /** A submission without request context (imports, tests). */
  public Submission(String formId, Instant receivedAt, String contentType, String body,
      Map<String, List<String>> values, Optional<String> idempotencyKey) {
    this(formId, receivedAt, contentType, body, values, idempotencyKey, RequestContext.NONE);
  }

  /** The hidden form field that carries an idempotency token for browsers, which cannot set headers. */
  public static final String TOKEN_FIELD = "_idempotency_key";

  public Submission {
    Objects.requireNonNull(formId, "formId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    values = Map.copyOf(values);
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(crmRecordId, "crmRecordId");
    Objects.requireNonNull(changedAt, "changedAt");
    changedAt = changedAt.filter(at -> at.isBefore(receivedAt));
  }

  /** When the values were current: the CRM record's last change for a CRM webhook, else the receipt. */
  public Instant valuesAt() {
    return changedAt.orElse(receivedAt);
  }

  /** The first value posted under {@code field}, if any. */
  public Optional<String> first(String field) {
    List<String> posted = values.get(field);
    return posted == null || posted.isEmpty() ? Optional.empty() : Optional.of(posted.get(0));
  }
}
