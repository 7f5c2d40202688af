package io.vigil.testsupport;

import io.vigil.model.Delivery;
import io.vigil.model.DeliveryKey;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.ErrorEvent;
import io.vigil.model.JobKey;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.model.Outage;
import io.vigil.poll.PolledConnector;
import io.vigil.model.UnparsedMail;
import io.vigil.store.HistoryScope;
import io.vigil.store.Snapshot;
import io.vigil.store.StateChange;
import io.vigil.store.Store;
import io.vigil.store.StoreException;
import io.vigil.store.Transaction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real store with faults a test switches on: the next commit throws what the test gives (an Error the
 * writer must survive, or a StoreException as from a full disk), every write about one device fails, or commits
 * wait until the test lets them go (a store too slow for the waiters).
 */
public final class FaultyStore implements Store {
  private final Store store;
  private final AtomicReference<Throwable> nextCommitThrows = new AtomicReference<>();
  private volatile DeviceKey failingDevice;
  private volatile CountDownLatch held;
  private final CountDownLatch holding = new CountDownLatch(1);
  private volatile boolean leading = true;

  public FaultyStore(Store store) {
    this.store = store;
  }

  /** As a replica that another replica's lease keeps from leading (polls, report deliveries), or that leads again. */
  public void lead(boolean leads) {
    leading = leads;
  }

  /** The next commit throws this instead of committing. */
  public void failNextCommitWith(Throwable failure) {
    nextCommitThrows.set(failure);
  }

  /** From now on every write about this device (its state, its jobs' runs and states, its events) throws. */
  public void failWritesFor(DeviceKey device) {
    failingDevice = device;
  }

  private void failIfAbout(DeviceKey device) throws StoreException {
    if (device.equals(failingDevice)) {
      throw new StoreException("injected by the test: cannot write about " + device, null);
    }
  }

  /**
   * From now on a commit that stores a push waits until {@link #release()} (the exporter's own housekeeping,
   * such as the retirement pass at start, goes through, so it is never the commit held).
   */
  public void hold() {
    held = new CountDownLatch(1);
  }

  /** Waits until the writer is inside a held commit. */
  public void awaitHolding() throws InterruptedException {
    if (!holding.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the writer did not reach a commit within 30 s");
    }
  }

  public void release() {
    held.countDown();
  }

  @Override
  public Snapshot load() throws StoreException {
    return store.load();
  }

  @Override
  public Transaction begin() throws StoreException {
    Transaction tx = store.begin();
    return new Transaction() {
      private boolean storesAPush;

      @Override
      public boolean insertRun(JobRun run, Instant receivedAt) throws StoreException {
        storesAPush = true;
        failIfAbout(run.key().deviceKey());
        return tx.insertRun(run, receivedAt);
      }

      @Override
      public void insertEvent(ErrorEvent event, Instant receivedAt) throws StoreException {
        storesAPush = true;
        failIfAbout(event.key());
        tx.insertEvent(event, receivedAt);
      }

      @Override
      public void insertOutage(Outage outage) throws StoreException {
        storesAPush = true;
        failIfAbout(outage.key());
        tx.insertOutage(outage);
      }

      @Override
      public long failedRunsAfter(JobKey job, Instant after) throws StoreException {
        return tx.failedRunsAfter(job, after);
      }

      @Override
      public void putJob(JobState job) throws StoreException {
        failIfAbout(job.key().deviceKey());
        tx.putJob(job);
      }

      @Override
      public void putDevice(DeviceState device) throws StoreException {
        storesAPush = true;
        failIfAbout(device.key());
        tx.putDevice(device);
      }

      @Override
      public void putConnector(PolledConnector polled) throws StoreException {
        tx.putConnector(polled);
      }

      @Override
      public void deleteJob(JobKey key) throws StoreException {
        tx.deleteJob(key);
      }

      @Override
      public void deleteDevice(DeviceKey key) throws StoreException {
        tx.deleteDevice(key);
      }

      @Override
      public Optional<Delivery> delivery(DeliveryKey key) throws StoreException {
        return tx.delivery(key);
      }

      @Override
      public void putDelivery(Delivery delivery) throws StoreException {
        tx.putDelivery(delivery);
      }

      @Override
      public boolean insertUnparsed(UnparsedMail mail, int keep) throws StoreException {
        storesAPush = true;
        return tx.insertUnparsed(mail, keep);
      }

      @Override
      public int pruneHistory(Instant cutoff) throws StoreException {
        return tx.pruneHistory(cutoff);
      }

      @Override
      public List<StateChange> changesAfter(long sequence) throws StoreException {
        return tx.changesAfter(sequence);
      }

      @Override
      public long sequence() {
        return tx.sequence();
      }

      @Override
      public void commit() throws StoreException {
        Throwable failure = nextCommitThrows.getAndSet(null);
        if (failure instanceof Error error) {
          throw error;
        } else if (failure instanceof RuntimeException runtime) {
          throw runtime;
        } else if (failure instanceof StoreException storeFailure) {
          throw storeFailure;
        }
        CountDownLatch latch = held;
        if (latch != null && storesAPush) {
          holding.countDown();
          try {
            latch.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        tx.commit();
      }

      @Override
      public void close() throws StoreException {
        tx.close();
      }
    };
  }

  @Override
  public List<JobRun> runs(HistoryScope scope, Instant from, Instant to) throws StoreException {
    return store.runs(scope, from, to);
  }

  @Override
  public List<ErrorEvent> events(HistoryScope scope, Instant from, Instant to) throws StoreException {
    return store.events(scope, from, to);
  }

  @Override
  public List<Outage> outages(HistoryScope scope, Instant from, Instant to) throws StoreException {
    return store.outages(scope, from, to);
  }

  @Override
  public List<Delivery> deliveries(Instant since) throws StoreException {
    return store.deliveries(since);
  }

  @Override
  public List<UnparsedMail> unparsed(String tenant, int limit) throws StoreException {
    return store.unparsed(tenant, limit);
  }

  @Override
  public Optional<String> fault() {
    return store.fault();
  }

  @Override
  public void onChanges(Runnable catchUp) {
    store.onChanges(catchUp);
  }

  @Override
  public boolean leads() {
    return leading && store.leads();
  }

  @Override
  public void close() {
    store.close();
  }
}
