-- Report deliveries (the daily digest, monthly reports): claimed before a send, marked sent after it, so a restart
-- of any replica neither loses nor repeats one. Times are Unix milliseconds.
CREATE TABLE report_delivery (
  tenant     text COLLATE "C" NOT NULL,
  report     text COLLATE "C" NOT NULL,
  subject    text COLLATE "C" NOT NULL,
  period     text COLLATE "C" NOT NULL,
  state      text NOT NULL,
  attempts   integer NOT NULL,
  until_at   bigint,
  sent_at    bigint,
  last_error text,
  updated_at bigint NOT NULL,
  PRIMARY KEY (tenant, report, subject, period)
);
CREATE INDEX report_delivery_by_update ON report_delivery (updated_at);
