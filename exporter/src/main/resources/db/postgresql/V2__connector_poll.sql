-- The newest poll of each connector, numbered in the change sequence like the states: the polling replica writes
-- it, the others follow (status and the last inventory a poll brought, as JSON documents).
CREATE TABLE connector_poll (
  tenant    text COLLATE "C" NOT NULL,
  connector text COLLATE "C" NOT NULL,
  status    text NOT NULL,
  last_good text,
  seq       bigint NOT NULL,
  PRIMARY KEY (tenant, connector)
);
CREATE INDEX connector_poll_by_seq ON connector_poll (seq);
