-- Lead scoring: what leads did (behaviour events) and where they stand in the funnel.

-- Events with points in the scoring rules: a form submitted, a consent box ticked, and what the website or mail tool
-- posts to /api/events (page visited, newsletter opened, trial requested, ...); properties as JSON.
CREATE TABLE lead_events (
  id         VARCHAR(36)  PRIMARY KEY,
  lead_id    VARCHAR(36)  NOT NULL REFERENCES leads (id),
  type       VARCHAR(64)  NOT NULL,
  at         BIGINT       NOT NULL,
  properties TEXT
);

CREATE INDEX lead_events_lead ON lead_events (lead_id, at);

-- The stage of each lead that has been scored or moved by the CRM; mql_at is the hand-over time while it lasts.
CREATE TABLE lead_stages (
  lead_id    VARCHAR(36) PRIMARY KEY REFERENCES leads (id),
  stage      VARCHAR(32) NOT NULL,
  mql_at     BIGINT,
  set_by     VARCHAR(16) NOT NULL,
  updated_at BIGINT      NOT NULL
);
