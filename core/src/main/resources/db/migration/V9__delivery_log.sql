-- The delivery log: one row per delivery attempt the outbox recorded, for admins debugging a CRM mapping, kept for
-- delivery.logRetention. Written in the transaction that records the attempt in the outbox; no lead values.
CREATE TABLE delivery_log (
  id          VARCHAR(36) PRIMARY KEY,
  lead_id     VARCHAR(36) NOT NULL REFERENCES leads (id),
  at          BIGINT      NOT NULL,
  target      VARCHAR(64) NOT NULL,
  revision    INTEGER     NOT NULL,
  attempt     INTEGER     NOT NULL,
  status      VARCHAR(16) NOT NULL,
  http_status INTEGER,
  latency_ms  BIGINT      NOT NULL,
  error       TEXT
);

CREATE INDEX delivery_log_lead ON delivery_log (lead_id, at);
CREATE INDEX delivery_log_time ON delivery_log (at);
