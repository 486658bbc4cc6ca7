-- Duplicates and progressive profiling: the keys under which a lead is found again, and the merges of later
-- submissions into it (reversible by an admin).

-- A match key (the first 128 bits of the SHA-256 of "email:<address>" or "person:<parts>", Base64url, so no address
-- is stored twice) and the lead that owns it: the earliest lead of that person that was not merged into another.
-- On SQLite the table is its primary-key index (WITHOUT ROWID): a lookup is one B-tree search, not two.
CREATE TABLE lead_keys (
  key_hash VARCHAR(22) PRIMARY KEY,
  lead_id  VARCHAR(36) NOT NULL REFERENCES leads (id)
) ${sqliteWithoutRowid};

CREATE INDEX lead_keys_lead ON lead_keys (lead_id);

-- One merge of a lead (from_lead, whose outbox row then says 'merged') into an earlier one (into_lead), with what an
-- undo needs: the values it replaced (fields JSON), the fields it added, the typed values that disagreed, the keys,
-- behaviour events and consent subject links it moved. undone_at is set when an admin undid it; an undone merge is
-- never made again.
CREATE TABLE lead_merges (
  id              VARCHAR(36) PRIMARY KEY,
  into_lead       VARCHAR(36) NOT NULL REFERENCES leads (id),
  from_lead       VARCHAR(36) NOT NULL REFERENCES leads (id),
  at              BIGINT      NOT NULL,
  matched_on      VARCHAR(8)  NOT NULL,
  replaced        TEXT        NOT NULL,
  added           TEXT        NOT NULL,
  conflicts       TEXT        NOT NULL,
  moved           TEXT        NOT NULL,
  undone_at       BIGINT
);

CREATE INDEX lead_merges_into ON lead_merges (into_lead);
CREATE INDEX lead_merges_from ON lead_merges (from_lead);
