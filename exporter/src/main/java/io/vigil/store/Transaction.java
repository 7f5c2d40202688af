package io.vigil.store;

import io.vigil.model.Delivery;
import io.vigil.model.DeliveryKey;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.ErrorEvent;
import io.vigil.model.JobKey;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.model.Outage;
import io.vigil.model.UnparsedMail;
import io.vigil.poll.PolledConnector;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One atomic, durable unit of writes. Nothing is visible or kept until {@link #commit()} returns;
 * closing without commit rolls everything back. Used by one thread at a time.
 */
public interface Transaction extends AutoCloseable {
  /** Adds a run to the history; false when a run with the same key and run id is already stored. */
  boolean insertRun(JobRun run, Instant receivedAt) throws StoreException;

  void insertEvent(ErrorEvent event, Instant receivedAt) throws StoreException;

  /** Adds an outage of a device, ended by a heartbeat, to the history. */
  void insertOutage(Outage outage) throws StoreException;

  /** Failed runs in the job's history that ended at or after {@code from}, this transaction's own runs included. */
  long failedRunsAfter(JobKey key, Instant from) throws StoreException;

  void putJob(JobState job) throws StoreException;

  void putDevice(DeviceState device) throws StoreException;

  /**
   * Keeps what the newest poll of a connector found, for a restart and for the other replicas: its status, and its
   * inventory when the poll brought one (a poll without one keeps the inventory kept before).
   */
  void putConnector(PolledConnector polled) throws StoreException;

  /** Removes the job's current state; its run history stays for reports. */
  void deleteJob(JobKey key) throws StoreException;

  void deleteDevice(DeviceKey key) throws StoreException;

  /** The delivery as committed, with this transaction's own change; read and then put in one transaction, it is a claim. */
  Optional<Delivery> delivery(DeliveryKey key) throws StoreException;

  /** Stores the delivery, replacing what was stored under its key. */
  void putDelivery(Delivery delivery) throws StoreException;

  /**
   * Keeps a mail no parser understood, and drops the tenant's oldest ones beyond {@code keep}; false when a mail with
   * the same Message-ID is already kept for the tenant.
   */
  boolean insertUnparsed(UnparsedMail mail, int keep) throws StoreException;

  /**
   * Drops run, event, outage (by its end) and report delivery history older than the cutoff; returns the number of rows
   * dropped.
   */
  int pruneHistory(Instant cutoff) throws StoreException;

  /**
   * In a store shared by replicas: the newest state of every job and device changed after {@code sequence} (by
   * any replica), in commit order. Writers take turns, so nothing commits in between until this transaction ends.
   * A store with one writer has nothing to tell.
   */
  default List<StateChange> changesAfter(long sequence) throws StoreException {
    return List.of();
  }

  /**
   * After {@link #commit()}: the number of the last change the store holds now (this transaction's own, or the
   * last that {@link #changesAfter} returned); 0 in a store with one writer.
   */
  default long sequence() {
    return 0;
  }

  /** Returns once the writes are on disk (fsync). */
  void commit() throws StoreException;

  @Override
  void close() throws StoreException;
}
