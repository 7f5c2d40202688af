-- Report deliveries (the daily digest, monthly reports): claimed before a send, marked sent after it, so a restart
-- neither loses nor repeats one. Times are Unix milliseconds.
CREATE TABLE IF NOT EXISTS report_delivery (
  tenant     TEXT    NOT NULL,
  report     TEXT    NOT NULL,
  subject    TEXT    NOT NULL,
  period     TEXT    NOT NULL,
  state      TEXT    NOT NULL,
  attempts   INTEGER NOT NULL,
  until_at   INTEGER,
  sent_at    INTEGER,
  last_error TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant, report, subject, period)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS report_delivery_by_update ON report_delivery (updated_at);
