-- Phone consent is confirmed by a link in an SMS to the number (law.md 9): which channel a confirmation request is
-- for (email requests are mailed, phone and SMS requests are texted; the mail_* columns serve both), and the id the
-- SMS gateway gave the message, part of the proof.
ALTER TABLE doi_requests ADD COLUMN channel VARCHAR(16) NOT NULL DEFAULT 'email';
ALTER TABLE doi_requests ADD COLUMN gateway_message_id VARCHAR(255);
