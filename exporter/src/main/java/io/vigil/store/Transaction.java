package io.vigil.store;

import io.vigil.model.Delivery;
import io.vigil.model.DeliveryKey;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.ErrorEvent;
import io.vigil.model.JobKey;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import java.time.Instant;
import java.util.Optional;

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

  /** The delivery as committed, with this transaction's own change; read and then put in one transaction, it is a claim. */
  Optional<Delivery> delivery(DeliveryKey key) throws StoreException;

  /** Stores the delivery, replacing what was stored under its key. */
  void putDelivery(Delivery delivery) throws StoreException;

  /** Drops run, event and report delivery history older than the cutoff; returns the number of rows dropped. */
  int pruneHistory(Instant cutoff) throws StoreException;

  /** Returns once the writes are on disk (fsync). */
  void commit() throws StoreException;

  @Override
  void close() throws StoreException;
}
