package io.vigil.http;

import io.vigil.model.JobKey;
import io.vigil.model.JobRun;
import io.vigil.store.StoreException;
import java.time.Instant;
import java.util.List;

/** The store's read of one job's runs that ended in [from, to), oldest first ({@code Store::runs}). */
@FunctionalInterface
public interface RunHistory {
  List<JobRun> runs(JobKey key, Instant from, Instant to) throws StoreException;
}
