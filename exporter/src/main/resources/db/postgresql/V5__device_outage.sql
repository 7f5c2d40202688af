-- Heartbeat outages (issue 14, the monthly report's availability): one row per time a device counted as unavailable,
-- written with the heartbeat that ended it, from the moment its previous heartbeat stopped counting (3 missed
-- heartbeats) to that heartbeat. Unix milliseconds; an outage still going on is read from the device's state.
CREATE TABLE device_outage (
  tenant   text COLLATE "C" NOT NULL,
  customer text COLLATE "C" NOT NULL,
  device   text COLLATE "C" NOT NULL,
  from_at  bigint NOT NULL,
  to_at    bigint NOT NULL,
  PRIMARY KEY (tenant, customer, device, from_at)
);
CREATE INDEX device_outage_for_pruning ON device_outage (to_at);
