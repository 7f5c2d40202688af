package io.vigil.history;

import io.vigil.model.JobRun;
import io.vigil.store.HistoryScope;
import io.vigil.store.StoreException;
import java.time.Instant;
import java.util.List;

/** The store's run history ({@code Store::runs}): runs of the scope that ended in [from, to), oldest first. */
@FunctionalInterface
public interface RunLog {
  List<JobRun> runs(HistoryScope scope, Instant from, Instant to) throws StoreException;
}
