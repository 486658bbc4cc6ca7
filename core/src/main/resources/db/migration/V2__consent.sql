-- The consent ledger and what double opt-in, withdrawal and exports need. Portable SQL, times in epoch ms.

-- One hash chain of consent events; never updated or deleted.
CREATE TABLE consent_events (
  seq         BIGINT       PRIMARY KEY,
  id          VARCHAR(36)  NOT NULL UNIQUE,
  occurred_at BIGINT       NOT NULL,
  subject_key VARCHAR(64)  NOT NULL,
  channel     VARCHAR(16)  NOT NULL,
  purpose     VARCHAR(64)  NOT NULL,
  action      VARCHAR(16)  NOT NULL,
  legal_basis VARCHAR(32)  NOT NULL,
  actor       VARCHAR(255) NOT NULL,
  lead_id     VARCHAR(36),
  evidence    TEXT         NOT NULL,
  prev_hash   VARCHAR(64)  NOT NULL,
  hash        VARCHAR(64)  NOT NULL
);
CREATE INDEX consent_events_subject ON consent_events (subject_key, seq);
CREATE INDEX consent_events_time ON consent_events (occurred_at);

-- The end of the chain; appends lock this row.
CREATE TABLE ledger_head (
  id        INTEGER     PRIMARY KEY,
  last_seq  BIGINT      NOT NULL,
  last_hash VARCHAR(64) NOT NULL
);
INSERT INTO ledger_head (id, last_seq, last_hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Installation secrets (the pepper of subject keys).
CREATE TABLE ledger_secrets (
  name   VARCHAR(32)  PRIMARY KEY,
  secret VARCHAR(128) NOT NULL
);

-- Per-subject key for the evidence; NULL once destroyed (crypto-shredding). erased_at: personal data erased.
CREATE TABLE subject_keys (
  subject_key VARCHAR(64) PRIMARY KEY,
  proof_key   VARCHAR(64),
  created_at  BIGINT      NOT NULL,
  erased_at   BIGINT
);

-- Consent wordings as shown, one immutable text per id.
CREATE TABLE consent_wordings (
  id         VARCHAR(64) PRIMARY KEY,
  sha256     VARCHAR(64) NOT NULL,
  body       TEXT        NOT NULL,
  first_seen BIGINT      NOT NULL
);

-- Which subjects a lead's consents are about, so consent changes can update the lead in the CRM.
CREATE TABLE lead_subjects (
  lead_id     VARCHAR(36) NOT NULL REFERENCES leads (id),
  subject_key VARCHAR(64) NOT NULL,
  kind        VARCHAR(8)  NOT NULL,
  PRIMARY KEY (lead_id, subject_key)
);
CREATE INDEX lead_subjects_subject ON lead_subjects (subject_key);

-- Double opt-in requests: the single-use token (stored hashed) and, until the mail is sent, what the mail needs
-- (address and links, encrypted under the subject's key).
CREATE TABLE doi_requests (
  token_hash     VARCHAR(64)  PRIMARY KEY,
  subject_key    VARCHAR(64)  NOT NULL,
  purpose        VARCHAR(64)  NOT NULL,
  lead_id        VARCHAR(36)  NOT NULL,
  form_id        VARCHAR(64)  NOT NULL,
  wording_id     VARCHAR(64)  NOT NULL,
  message_id     VARCHAR(255) NOT NULL,
  mail_payload   TEXT,
  created_at     BIGINT       NOT NULL,
  expires_at     BIGINT       NOT NULL,
  mail_status    VARCHAR(16)  NOT NULL,
  mail_attempts  INTEGER      NOT NULL,
  next_mail_at   BIGINT       NOT NULL,
  used_at        BIGINT
);
CREATE INDEX doi_requests_subject ON doi_requests (subject_key, purpose);
CREATE INDEX doi_requests_mail ON doi_requests (mail_status, next_mail_at);

-- Withdrawal links (one per subject, channel and purpose; stored hashed).
CREATE TABLE withdraw_tokens (
  token_hash  VARCHAR(64) PRIMARY KEY,
  subject_key VARCHAR(64) NOT NULL,
  channel     VARCHAR(16) NOT NULL,
  purpose     VARCHAR(64) NOT NULL,
  created_at  BIGINT      NOT NULL
);

-- Who exported or erased what, when.
CREATE TABLE audit_log (
  id        VARCHAR(36)  PRIMARY KEY,
  at        BIGINT       NOT NULL,
  principal VARCHAR(255) NOT NULL,
  action    VARCHAR(64)  NOT NULL,
  detail    TEXT         NOT NULL
);

-- A lead whose consent changed is delivered again as a new revision (its own idempotency key).
ALTER TABLE outbox ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
