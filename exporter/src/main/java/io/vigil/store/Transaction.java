package io.vigil.store;

import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.ErrorEvent;
import io.vigil.model.JobKey;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.model.UnparsedMail;
import java.time.Instant;

/**
 * One atomic, durable unit of writes. Nothing is visible or kept until {@link #commit()} returns;
 * closing without commit rolls everything back. Used by one thread at a time.
 */
public interface Transaction extends AutoCloseable {
  /** Adds a run to the history; false when a run with the same key and run id is already stored. */
  boolean insertRun(JobRun run, Instant receivedAt) throws StoreException;

  void insertEvent(ErrorEvent event, Instant receivedAt) throws StoreException;

  /** Failed runs in the job's history that ended at or after {@code from}, this transaction's own runs included. */
  long failedRunsAfter(JobKey key, Instant from) throws StoreException;

  void putJob(JobState job) throws StoreException;

  void putDevice(DeviceState device) throws StoreException;

  /** Removes the job's current state; its run history stays for reports. */
  void deleteJob(JobKey key) throws StoreException;

  void deleteDevice(DeviceKey key) throws StoreException;

  /**
   * Keeps a mail no parser understood, and drops the tenant's oldest ones beyond {@code keep}; false when a mail with
   * the same Message-ID is already kept for the tenant.
   */
  boolean insertUnparsed(UnparsedMail mail, int keep) throws StoreException;

  /** Drops run and event history older than the cutoff; returns the number of rows dropped. */
  int pruneHistory(Instant cutoff) throws StoreException;

  /** Returns once the writes are on disk (fsync). */
  void commit() throws StoreException;

  @Override
  void close() throws StoreException;
}
