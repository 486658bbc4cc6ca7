-- A keyed hash of the IP a double opt-in came from, to limit confirmation mails per IP (list-bombing).
ALTER TABLE doi_requests ADD COLUMN ip_key VARCHAR(64);
CREATE INDEX doi_requests_ip ON doi_requests (ip_key, created_at);
