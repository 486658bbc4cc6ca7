-- When the confirmation mail went out and which version of its content it had: part of the proof (law.md 7).
ALTER TABLE doi_requests ADD COLUMN mail_sent_at BIGINT;
ALTER TABLE doi_requests ADD COLUMN mail_version VARCHAR(80);
