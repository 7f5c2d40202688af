-- A job's runs are found through the primary key (tenant, customer, device, job, run_id) and filtered
-- by end time; a second index in random order made every stored run dirty one more page per commit.
DROP INDEX IF EXISTS job_run_by_end;
