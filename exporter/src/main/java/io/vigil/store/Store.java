package io.vigil.store;

import io.vigil.model.JobKey;
import io.vigil.model.JobRun;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable home of current state and run history. Writes go through {@link #begin()} from one writer
 * thread; reads may come from any thread. The embedded default is {@link SqliteStore}; a server
 * database can implement the same contract.
 */
public interface Store extends AutoCloseable {
  Snapshot load() throws StoreException;

  Transaction begin() throws StoreException;

  /** Runs of one job that ended in [from, to), oldest first. */
  List<JobRun> runs(JobKey key, Instant from, Instant to) throws StoreException;

  /**
   * Why a commit would not reach what the next start opens (the store file was deleted or replaced under
   * the running exporter), or empty. Cheap enough for every scrape; a commit checks it before it returns.
   */
  Optional<String> fault();

  @Override
  void close();
}
