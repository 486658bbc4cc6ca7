package org.leadgate.crm.generic;

import java.util.Objects;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * One write to the CRM, before credentials and signature.
 *
 * @param operation {@code create}, {@code update} or {@code batch}, for logs
 * @param leads how many leads it carries, for logs
 * @param body the JSON bytes sent (and signed)
 * @param idempotencyKey sent as {@code Idempotency-Key}; the same on every attempt of the same write
 */
record Outgoing(String operation, int leads, String method, HttpUrl url, Headers headers, byte[] body,
    String idempotencyKey) {
  Outgoing {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }
}
