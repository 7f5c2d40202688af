-- The newest poll of each connector: its status and the last inventory it brought (JSON documents), so a restart
-- exports the last good data at once, before its first poll.
CREATE TABLE connector_poll (
  tenant    TEXT NOT NULL,
  connector TEXT NOT NULL,
  status    TEXT NOT NULL,
  last_good TEXT,
  PRIMARY KEY (tenant, connector)
) WITHOUT ROWID;
