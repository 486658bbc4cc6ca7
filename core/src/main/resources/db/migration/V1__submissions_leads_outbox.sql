-- One schema for SQLite and PostgreSQL: portable types only; times are epoch milliseconds.

-- What arrived, exactly as it arrived: the evidence behind every lead.
CREATE TABLE submissions (
  id              VARCHAR(36)  PRIMARY KEY,
  form_id         VARCHAR(64)  NOT NULL,
  received_at     BIGINT       NOT NULL,
  content_type    VARCHAR(255) NOT NULL,
  body            TEXT         NOT NULL,
  idempotency_key VARCHAR(255),
  CONSTRAINT submissions_idempotency UNIQUE (form_id, idempotency_key)
);

-- The lead derived from a submission: fields with provenance, as JSON.
CREATE TABLE leads (
  id            VARCHAR(36) PRIMARY KEY,
  submission_id VARCHAR(36) NOT NULL REFERENCES submissions (id),
  form_id       VARCHAR(64) NOT NULL,
  received_at   BIGINT      NOT NULL,
  fields        TEXT        NOT NULL
);

-- One row per lead and CRM target: pending until the CRM acknowledged it, or dead after the last attempt.
CREATE TABLE outbox (
  lead_id         VARCHAR(36)  PRIMARY KEY REFERENCES leads (id),
  target          VARCHAR(64)  NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  attempts        INTEGER      NOT NULL,
  next_attempt_at BIGINT       NOT NULL,
  last_error      TEXT,
  crm_record_id   VARCHAR(255),
  updated_at      BIGINT       NOT NULL
);

CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
