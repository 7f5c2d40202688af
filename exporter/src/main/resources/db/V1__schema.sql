-- Run history: one row per reported run, kept for history_days (default 400) for monthly reports.
CREATE TABLE job_run (
  tenant      TEXT    NOT NULL,
  customer    TEXT    NOT NULL,
  device      TEXT    NOT NULL,
  job         TEXT    NOT NULL,
  run_id      TEXT    NOT NULL,
  result      TEXT    NOT NULL,
  started_at  INTEGER NOT NULL, -- Unix milliseconds
  ended_at    INTEGER NOT NULL,
  bytes       INTEGER NOT NULL,
  files       INTEGER NOT NULL,
  errors      INTEGER NOT NULL,
  warnings    INTEGER NOT NULL,
  message     TEXT,
  grace_s     INTEGER,
  product     TEXT,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (tenant, customer, device, job, run_id)
) WITHOUT ROWID;
CREATE INDEX job_run_by_end ON job_run (tenant, customer, device, job, ended_at);
CREATE INDEX job_run_for_pruning ON job_run (ended_at);

CREATE TABLE device_event (
  tenant      TEXT    NOT NULL,
  customer    TEXT    NOT NULL,
  device      TEXT    NOT NULL,
  error       TEXT    NOT NULL,
  raised      INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  message     TEXT,
  cleared_by  TEXT    NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX device_event_for_pruning ON device_event (at);

-- Current state, one JSON document per entity, so a restart does not replay the history.
CREATE TABLE job_state (
  tenant   TEXT NOT NULL,
  customer TEXT NOT NULL,
  device   TEXT NOT NULL,
  job      TEXT NOT NULL,
  state    TEXT NOT NULL,
  PRIMARY KEY (tenant, customer, device, job)
) WITHOUT ROWID;

CREATE TABLE device_state (
  tenant   TEXT NOT NULL,
  customer TEXT NOT NULL,
  device   TEXT NOT NULL,
  state    TEXT NOT NULL,
  PRIMARY KEY (tenant, customer, device)
) WITHOUT ROWID;
