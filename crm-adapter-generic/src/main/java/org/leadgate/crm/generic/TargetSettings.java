package org.leadgate.crm.generic;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.leadgate.crm.generic.auth.AuthSettings;
import org.leadgate.crm.generic.auth.RequestSigner;

/**
 * One CRM target as configured (see {@link SettingsReader}): where requests go, how each operation looks, how answers
 * are read and how the adapter authenticates.
 *
 * @param preset the preset under the configuration, if any
 * @param baseUrl scheme, host, port and base path of every request; only configuration sets it
 * @param create the request for a lead without a known CRM record, unless batches carry those
 * @param update the request for a lead with a known CRM record; without it, such leads are sent like new ones
 * @param batch the request for many leads without a known CRM record at once, if the CRM has one
 */
record TargetSettings(Optional<String> preset, HttpUrl baseUrl, Duration timeout, RequestHeaders headers,
    Optional<Operation> create, Optional<Operation> update, Optional<BatchOperation> batch, StatusPolicy status,
    BreakerSettings breaker, AuthSettings auth, Optional<RequestSigner> signing) {
  TargetSettings {
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(create, "create");
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(signing, "signing");
    if (create.isEmpty() && batch.isEmpty()) {
      throw new IllegalArgumentException("new leads need a create or a batch operation");
    }
  }
}
