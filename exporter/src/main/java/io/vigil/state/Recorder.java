package io.vigil.state;

import io.vigil.config.EntityLimits;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.JobKey;
import io.vigil.model.JobState;
import io.vigil.model.Report;
import io.vigil.store.Store;
import io.vigil.store.StoreException;
import io.vigil.store.Transaction;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer. Pushes and retirements queue up as units of work; the writer thread applies a
 * group of them in one store transaction (one fsync for the group), then publishes the new state to
 * the {@link Fleet} and completes each unit's future. A unit's future completes only after its
 * writes are durable; if the commit fails, every unit of the group fails and the fleet is unchanged.
 */
public final class Recorder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Recorder.class);
  private static final int MAX_GROUP = 512;

  private final Store store;
  private final Fleet fleet;
  private final Clock clock;
  private final BlockingQueue<Unit<?>> queue;
  private final Thread writer;
  private volatile boolean running = true;
  private final AtomicLong failedCommits = new AtomicLong();
  private volatile boolean failing;

  public Recorder(Store store, Fleet fleet, Clock clock, int queueCapacity) {
    this.store = store;
    this.fleet = fleet;
    this.clock = clock;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.writer = new Thread(this::writeLoop, "vigil-writer");
    writer.start();
  }

  /**
   * Applies the reports as one atomic unit: all of them are kept, or none. None are when they would create
   * more jobs or devices than their tenant's {@code limits} allow (checked against the state this unit sees,
   * so pushes committed together cannot slip past a limit together).
   */
  public CompletableFuture<Outcome> record(List<? extends Report> reports, Function<String, EntityLimits> limits) {
    return submit(changes -> {
      LimitExceeded over = changes.overLimit(reports, limits);
      if (over != null) {
        return Outcome.refused(over);
      }
      Instant now = clock.instant();
      int accepted = 0;
      for (Report report : reports) {
        if (changes.apply(report, now)) {
          accepted++;
        }
      }
      return new Outcome(accepted, reports.size() - accepted, null);
    });
  }

  /** Retires one job, or a device with all its jobs when {@code job} is null. */
  public CompletableFuture<Retired> retire(DeviceKey device, String job) {
    return submit(changes -> {
      if (job != null) {
        return new Retired(changes.removeJob(new JobKey(device.tenant(), device.customer(), device.device(), job)) ? 1 : 0, 0);
      }
      int jobs = 0;
      for (JobKey key : fleet.jobsOf(device)) {
        jobs += changes.removeJob(key) ? 1 : 0;
      }
      return new Retired(jobs, changes.removeDevice(device) ? 1 : 0);
    });
  }

  /** Retires everything that has not reported since the cutoff, and drops history older than historyCutoff. */
  public CompletableFuture<Retired> retireInactive(Instant cutoff, Instant historyCutoff) {
    return submit(changes -> {
      int jobs = 0;
      int devices = 0;
      for (String tenant : fleet.tenants()) {
        for (JobState job : List.copyOf(fleet.jobs(tenant))) {
          jobs += job.lastReport().isBefore(cutoff) && changes.removeJob(job.key()) ? 1 : 0;
        }
        for (DeviceState device : List.copyOf(fleet.devices(tenant))) {
          devices += device.lastReport().isBefore(cutoff) && changes.removeDevice(device.key()) ? 1 : 0;
        }
      }
      changes.pruneHistory(historyCutoff);
      return new Retired(jobs, devices);
    });
  }

  private <T> CompletableFuture<T> submit(Work<T> work) {
    Unit<T> unit = new Unit<>(work, new CompletableFuture<>());
    if (!running) {
      unit.result.completeExceptionally(new StoreUnavailableException("the exporter is shutting down", null));
    } else if (!queue.offer(unit)) {
      unit.result.completeExceptionally(new StoreUnavailableException("the write queue is full; retry later", null));
    }
    return unit.result;
  }

  private void writeLoop() {
    List<Unit<?>> group = new ArrayList<>(MAX_GROUP);
    while (running || !queue.isEmpty()) {
      try {
        Unit<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        commit(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        group.clear();
      }
    }
  }

  private void commit(List<Unit<?>> group) {
    List<Object> results = new ArrayList<>(group.size());
    Changes changes;
    try (Transaction tx = store.begin()) {
      changes = new Changes(fleet, tx);
      for (Unit<?> unit : group) {
        results.add(unit.work.apply(changes));
      }
      tx.commit();
    } catch (StoreException | RuntimeException e) {
      failedCommits.incrementAndGet();
      failing = true;
      log.error("store write failed, {} unit(s) not acknowledged: {}", group.size(), e.getMessage());
      StoreUnavailableException failure = new StoreUnavailableException("the store could not save this (the exporter log says why)", e);
      group.forEach(unit -> unit.result.completeExceptionally(failure));
      return;
    }
    if (failing) {
      failing = false;
      log.info("store writes succeed again ({} failed commit(s) since start)", failedCommits.get());
    }
    changes.publish();
    for (int i = 0; i < group.size(); i++) {
      group.get(i).complete(results.get(i));
    }
  }

  /** Group commits that failed since start; none of their units was acknowledged. */
  public long failedCommits() {
    return failedCommits.get();
  }

  /** True from a failed commit until the next one succeeds. */
  public boolean failing() {
    return failing;
  }

  /** Stops taking work, writes everything already queued, and stops the writer thread. */
  @Override
  public void close() {
    running = false;
    try {
      writer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T apply(Changes changes) throws StoreException;
  }

  private record Unit<T>(Work<T> work, CompletableFuture<T> result) {
    @SuppressWarnings("unchecked")
    void complete(Object value) {
      result.complete((T) value);
    }
  }
}
