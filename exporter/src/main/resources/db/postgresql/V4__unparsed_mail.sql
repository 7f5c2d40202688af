-- Notification mails no parser understood (issue 15), kept per tenant up to smtp.unparsed_kept_per_tenant; one row
-- per Message-ID, so a re-delivered mail is kept once. id orders mails received in the same millisecond.
CREATE TABLE unparsed_mail (
  id          bigserial,
  tenant      text COLLATE "C" NOT NULL,
  message_id  text COLLATE "C" NOT NULL,
  received_at bigint NOT NULL,
  sender      text NOT NULL,
  subject     text NOT NULL,
  reason      text NOT NULL,
  excerpt     text NOT NULL,
  PRIMARY KEY (tenant, message_id)
);
CREATE INDEX unparsed_mail_by_time ON unparsed_mail (tenant, received_at);
