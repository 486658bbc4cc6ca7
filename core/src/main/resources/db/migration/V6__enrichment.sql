-- Enrichment after the durable accept.

-- The request a lead came with, for enrichment only (consent evidence keeps its own encrypted copy): the client
-- address, cut to its network (ip_truncated = 1) once it was looked up, browser, language, referrer and campaign
-- parameters (JSON).
CREATE TABLE lead_requests (
  lead_id         VARCHAR(36)  PRIMARY KEY REFERENCES leads (id),
  client_ip       VARCHAR(64),
  ip_truncated    INTEGER      NOT NULL,
  user_agent      TEXT,
  accept_language VARCHAR(256),
  referrer        TEXT,
  utm             TEXT
);

-- One row per lead once enriched: complete, or with gaps (providers that were down, open or out of budget; JSON
-- name -> reason) that the re-enrichment job tries again from next_run_at, until it gives up.
CREATE TABLE enrichments (
  lead_id      VARCHAR(36) PRIMARY KEY REFERENCES leads (id),
  status       VARCHAR(16) NOT NULL,
  gaps         TEXT,
  runs         INTEGER     NOT NULL,
  first_run_at BIGINT      NOT NULL,
  next_run_at  BIGINT      NOT NULL,
  updated_at   BIGINT      NOT NULL
);

CREATE INDEX enrichments_due ON enrichments (status, next_run_at);

-- Provider calls per period (day:2026-11-23, month:2026-11), so call budgets hold across restarts and gateways.
CREATE TABLE provider_usage (
  provider VARCHAR(64) NOT NULL,
  period   VARCHAR(16) NOT NULL,
  calls    BIGINT      NOT NULL,
  PRIMARY KEY (provider, period)
);
