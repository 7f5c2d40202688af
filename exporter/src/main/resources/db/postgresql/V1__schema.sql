-- The PostgreSQL store: the same tables as the SQLite one (times in Unix milliseconds, states as JSON documents),
-- compared byte by byte (COLLATE "C") as SQLite does, plus the change sequence replicas follow each other by.

-- Run history: one row per reported run. The primary key makes a run id idempotent across replicas.
CREATE TABLE job_run (
  tenant      text COLLATE "C" NOT NULL,
  customer    text COLLATE "C" NOT NULL,
  device      text COLLATE "C" NOT NULL,
  job         text COLLATE "C" NOT NULL,
  run_id      text COLLATE "C" NOT NULL,
  result      text   NOT NULL,
  started_at  bigint NOT NULL,
  ended_at    bigint NOT NULL,
  bytes       bigint NOT NULL,
  files       bigint NOT NULL,
  errors      bigint NOT NULL,
  warnings    bigint NOT NULL,
  message     text,
  grace_s     bigint,
  product     text,
  received_at bigint NOT NULL,
  PRIMARY KEY (tenant, customer, device, job, run_id)
);
CREATE INDEX job_run_for_pruning ON job_run (ended_at);

CREATE TABLE device_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- the order events were stored in
  tenant      text COLLATE "C" NOT NULL,
  customer    text COLLATE "C" NOT NULL,
  device      text COLLATE "C" NOT NULL,
  error       text     NOT NULL,
  raised      smallint NOT NULL,
  at          bigint   NOT NULL,
  message     text,
  cleared_by  text     NOT NULL,
  received_at bigint   NOT NULL
);
CREATE INDEX device_event_by_device ON device_event (tenant, customer, device, at);
CREATE INDEX device_event_for_pruning ON device_event (at);

-- Every change of a current state takes the next number of change_seq. Writers take turns (an advisory lock held
-- to their commit), so the numbers are committed in order and a replica that has applied every change up to N
-- reads "seq > N" to follow the others. A retired job or device keeps its row with a NULL state, so replicas
-- learn of the retirement too.
CREATE SEQUENCE change_seq;

CREATE TABLE job_state (
  tenant   text COLLATE "C" NOT NULL,
  customer text COLLATE "C" NOT NULL,
  device   text COLLATE "C" NOT NULL,
  job      text COLLATE "C" NOT NULL,
  state    text,
  seq      bigint NOT NULL,
  PRIMARY KEY (tenant, customer, device, job)
);
CREATE INDEX job_state_by_seq ON job_state (seq);

CREATE TABLE device_state (
  tenant   text COLLATE "C" NOT NULL,
  customer text COLLATE "C" NOT NULL,
  device   text COLLATE "C" NOT NULL,
  state    text,
  seq      bigint NOT NULL,
  PRIMARY KEY (tenant, customer, device)
);
CREATE INDEX device_state_by_seq ON device_state (seq);
