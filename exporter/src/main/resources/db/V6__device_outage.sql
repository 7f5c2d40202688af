-- Heartbeat outages (issue 14, the monthly report's availability): one row per time a device counted as unavailable,
-- written with the heartbeat that ended it, from the moment its previous heartbeat stopped counting (3 missed
-- heartbeats) to that heartbeat. Unix milliseconds; an outage still going on is read from the device's state.
CREATE TABLE IF NOT EXISTS device_outage (
  tenant   TEXT    NOT NULL,
  customer TEXT    NOT NULL,
  device   TEXT    NOT NULL,
  from_at  INTEGER NOT NULL,
  to_at    INTEGER NOT NULL,
  PRIMARY KEY (tenant, customer, device, from_at)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS device_outage_for_pruning ON device_outage (to_at);
