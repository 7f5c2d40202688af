-- Notification mails no parser understood (issue 15), kept per tenant up to smtp.unparsed_kept_per_tenant;
-- one row per Message-ID, so a re-delivered mail is kept once. IF NOT EXISTS: safe to apply again.
CREATE TABLE IF NOT EXISTS unparsed_mail (
  tenant      TEXT    NOT NULL,
  message_id  TEXT    NOT NULL,
  received_at INTEGER NOT NULL,
  sender      TEXT    NOT NULL,
  subject     TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  excerpt     TEXT    NOT NULL,
  PRIMARY KEY (tenant, message_id)
);
CREATE INDEX IF NOT EXISTS unparsed_mail_by_time ON unparsed_mail (tenant, received_at);
