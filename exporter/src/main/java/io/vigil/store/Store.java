package io.vigil.store;

import io.vigil.model.Delivery;
import io.vigil.model.ErrorEvent;
import io.vigil.model.JobKey;
import io.vigil.model.JobRun;
import io.vigil.model.Outage;
import io.vigil.model.UnparsedMail;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable home of current state and history. Writes go through {@link #begin()} from one writer thread; reads
 * may come from any thread and see only committed writes. {@link StoreFactory} opens the one the configuration
 * names; the embedded default is {@link SqliteStore}, the one for replicas
 * {@link PostgresStore}. Every backend passes the contract tests ({@code StoreContract}).
 */
public interface Store extends AutoCloseable {
  Snapshot load() throws StoreException;

  Transaction begin() throws StoreException;

  /**
   * Runs of every job in the scope that ended in [from, to), oldest first; runs that ended at the same time in
   * order of customer, device, job and run id. Retired jobs' runs are included until pruned.
   */
  List<JobRun> runs(HistoryScope scope, Instant from, Instant to) throws StoreException;

  /** Runs of one job that ended in [from, to), oldest first. */
  default List<JobRun> runs(JobKey key, Instant from, Instant to) throws StoreException {
    return runs(HistoryScope.job(key), from, to);
  }

  /**
   * Error events (raised and cleared) of every device in the scope that happened in [from, to), oldest first;
   * events at the same time in the order they were stored. Events belong to devices: a job's scope is an
   * {@link IllegalArgumentException}.
   */
  List<ErrorEvent> events(HistoryScope scope, Instant from, Instant to) throws StoreException;

  /**
   * Outages of every device in the scope that overlap [from, to), whole (not clipped to the window), oldest first; outages
   * that began at the same time in order of customer and device. Outages belong to devices: a job's scope is an
   * {@link IllegalArgumentException}.
   */
  List<Outage> outages(HistoryScope scope, Instant from, Instant to) throws StoreException;

  /** Report deliveries of every tenant last changed at or after {@code since}, in no particular order. */
  List<Delivery> deliveries(Instant since) throws StoreException;

  /** The tenant's kept unparsed mails, newest first, at most {@code limit}. */
  List<UnparsedMail> unparsed(String tenant, int limit) throws StoreException;

  /**
   * Why a commit would not reach what the next start opens (the store file was deleted or replaced under
   * the running exporter), or empty. Cheap enough for every scrape; a commit checks it before it returns.
   */
  Optional<String> fault();

  /**
   * In a store shared by replicas: from now on, runs {@code catchUp} (which applies the changes other replicas
   * committed, {@link Transaction#changesAfter}, and throws when it could not) after each of their commits and
   * whenever the connection to the store is back. A store with one writer has no other writers to follow.
   */
  default void onChanges(Runnable catchUp) {}

  /**
   * Whether this exporter does now the work done once for all replicas (polling connectors): a store with one
   * writer always; in a store shared by replicas the one replica that holds the lease, while it can renew it.
   */
  default boolean leads() {
    return true;
  }

  @Override
  void close();
}
