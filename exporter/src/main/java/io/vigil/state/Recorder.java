package io.vigil.state;

import io.vigil.config.Defaults;
import io.vigil.config.EntityLimits;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.JobKey;
import io.vigil.model.JobState;
import io.vigil.model.Report;
import io.vigil.model.UnparsedMail;
import io.vigil.poll.PolledConnector;
import io.vigil.store.StateChange;
import io.vigil.store.Store;
import io.vigil.store.StoreException;
import io.vigil.store.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * The single writer. Pushes and retirements queue up as units of work; the writer thread applies a
 * group of them in one store transaction (one fsync for the group), then publishes the new state to
 * the {@link Fleet} and completes each unit's {@link Write}. A unit completes only after its writes are
 * durable; if the commit fails (anything thrown, errors included), every unit of the group fails, the fleet is
 * unchanged and the writer goes on with the next group. A unit whose waiter gave up is never applied. Over a store
 * shared by replicas, each group first applies what the other replicas committed ({@link #catchUp}).
 */
public final class Recorder implements Recording, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Recorder.class);
  /**
   * Reports in one group commit: enough single pushes share a commit (one fsync for many), while batches of
   * hundreds commit one by one, so a batch waits for at most the batches ahead of it, not for a whole group of them.
   */
  private static final int MAX_GROUP_REPORTS = 512;

  private final Store store;
  private final Fleet fleet;
  private final Clock clock;
  private final Duration ackTimeout;
  private final Consumer<PolledConnector> followPolls;
  private final Function<String, Duration> heartbeatIntervals;
  private final BlockingQueue<Unit<?>> queue;
  private final Thread writer;
  /** The units the writer is applying now; only the writer thread uses it. */
  private final List<Unit<?>> group = new ArrayList<>(MAX_GROUP_REPORTS);
  private volatile boolean running = true;
  private final AtomicLong failedCommits = new AtomicLong();
  private volatile boolean failing;
  /** Set as the writer thread starts to end, before it fails what is queued; the thread is alive a while after. */
  private volatile boolean writerStopped;
  /** Told the seconds of each commit that succeeded, from the start of its transaction to the end of the commit. */
  private volatile DoubleConsumer commitSeconds = seconds -> { };
  /** The reason of the failed commit logged last, until a commit succeeds; only the writer thread uses it. */
  private String lastFailure;

  /**
   * {@code ackTimeout}: how long a waiter waits for the writer to take its unit before it gives up (503). Devices that
   * declare no heartbeat interval have the fleet-wide default one.
   */
  public Recorder(Store store, Fleet fleet, Clock clock, int queueCapacity, Duration ackTimeout) {
    this(store, fleet, clock, queueCapacity, ackTimeout, polled -> { },
        tenant -> Duration.ofSeconds(Defaults.standard().heartbeatIntervalSeconds()));
  }

  /**
   * {@code followPolls} applies the polls another replica shared through the store; {@code heartbeatIntervals} gives a
   * tenant's heartbeat interval for devices that declare none, to tell when a heartbeat ends an outage.
   */
  public Recorder(Store store, Fleet fleet, Clock clock, int queueCapacity, Duration ackTimeout, Consumer<PolledConnector> followPolls,
      Function<String, Duration> heartbeatIntervals) {
    this.followPolls = followPolls;
    this.heartbeatIntervals = heartbeatIntervals;
    this.store = store;
    this.fleet = fleet;
    this.clock = clock;
    this.ackTimeout = ackTimeout;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.writer = new Thread(this::writeLoop, "vigil-writer");
    writer.setUncaughtExceptionHandler((thread, e) -> writerDied(e));
    writer.start();
  }

  /**
   * Applies the reports as one atomic unit: all of them are kept, or none. None are when they would create
   * more jobs or devices than their tenant's {@code limits} allow (checked against the state this unit sees,
   * so pushes committed together cannot slip past a limit together).
   */
  @Override
  public Write<Outcome> record(List<? extends Report> reports, Function<String, EntityLimits> limits) {
    return submit(reports.size(), changes -> {
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

  @Override
  public Write<Retired> retire(DeviceKey device, String job) {
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

  @Override
  public Write<Boolean> keepUnparsed(UnparsedMail mail, int keep) {
    return submit(changes -> changes.keepUnparsed(mail, keep));
  }

  /** Retires everything that has not reported since the cutoff, and drops history older than historyCutoff. */
  public Write<Retired> retireInactive(Instant cutoff, Instant historyCutoff) {
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

  /**
   * Runs {@code work} on the writer, in the next group's transaction, for writes that are not pushes (report
   * deliveries); it must leave the fleet alone. Its result completes the write once the group is durable.
   */
  public <T> Write<T> transact(TransactionWork<T> work) {
    return submit(changes -> work.apply(changes.transaction()));
  }

  /** A unit of writes made straight to the store's transaction. */
  @FunctionalInterface
  public interface TransactionWork<T> {
    T apply(Transaction tx) throws StoreException;
  }

  /** Keeps what this replica's poll of a connector found, for a restart and for the other replicas. */
  public Write<Void> recordPoll(PolledConnector polled) {
    return submit(changes -> {
      changes.putConnector(polled);
      return null;
    });
  }

  /**
   * Brings the fleet up to date with what other replicas committed to a store shared by them (a transaction that
   * writes nothing else); returns once it is, and throws {@link StoreUnavailableException} when it could not.
   */
  public void catchUp() {
    submit(changes -> null).await();
  }

  private <T> Write<T> submit(Work<T> work) {
    return submit(1, work);
  }

  private <T> Write<T> submit(int reports, Work<T> work) {
    Unit<T> unit = new Unit<>(work, reports, new Write<>(ackTimeout));
    if (!running) {
      unit.write.fail(new StoreUnavailableException("the exporter is shutting down", null));
    } else if (writerStopped) {
      unit.write.fail(writerHasStopped());
    } else if (!queue.offer(unit)) {
      unit.write.fail(new StoreUnavailableException("the write queue is full; retry later", null));
    } else if (writerStopped && queue.remove(unit)) {
      // Offered after the dying writer failed what was queued: nobody else will.
      unit.write.fail(writerHasStopped());
    }
    return unit.write;
  }

  private void writeLoop() {
    while (running || !queue.isEmpty()) {
      group.clear();
      try {
        Unit<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        int reports = first.reports;
        for (Unit<?> next = queue.peek(); next != null && reports + next.reports <= MAX_GROUP_REPORTS; next = queue.peek()) {
          group.add(queue.poll());
          reports += next.reports;
        }
        group.removeIf(unit -> !unit.write.take());
        if (!group.isEmpty()) {
          commit();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void commit() {
    long started = System.nanoTime();
    List<Object> results = new ArrayList<>(group.size());
    Changes changes;
    long sequence;
    try (Transaction tx = store.begin()) {
      // In a store shared by replicas, first what the others committed: the group works on the newest state.
      List<StateChange> others = tx.changesAfter(fleet.sequence());
      fleet.follow(others);
      others.stream().filter(StateChange.Connector.class::isInstance)
          .forEach(change -> followPolls.accept(((StateChange.Connector) change).polled()));
      changes = new Changes(fleet, tx, heartbeatIntervals);
      for (Unit<?> unit : group) {
        results.add(unit.work.apply(changes));
      }
      tx.commit();
      sequence = tx.sequence();
    } catch (StoreException | RuntimeException | Error e) {
      // Errors too (an OutOfMemoryError in one large group): only this group fails, the writer goes on.
      failedCommits.incrementAndGet();
      failing = true;
      String reason = e instanceof StoreException ? e.getMessage() : e.toString();
      // One line per cause, not per commit: agents retrying against a lasting fault would flood the log.
      if (!reason.equals(lastFailure)) {
        lastFailure = reason;
        log.error("store write failed, {} unit(s) not acknowledged (the same failure again is counted in"
            + " vigil_store_write_failures_total, not logged): {}", group.size(), reason);
      }
      StoreUnavailableException failure = new StoreUnavailableException("the store could not save this (the exporter log says why)", e);
      group.forEach(unit -> unit.write.fail(failure));
      return;
    }
    if (failing) {
      failing = false;
      lastFailure = null;
      log.info("store writes succeed again ({} failed commit(s) since start)", failedCommits.get());
    }
    commitSeconds.accept((System.nanoTime() - started) / 1e9);
    changes.publish();
    fleet.advanceTo(sequence);
    for (int i = 0; i < group.size(); i++) {
      group.get(i).write.complete(results.get(i));
    }
  }

  /**
   * Runs on the writer thread as it ends, which only happens when failing a group failed too: nothing can be
   * written any more, so neither the group nor anything queued waits for it. Names only the class of what was
   * thrown: describing it may be what failed.
   */
  private void writerDied(Throwable e) {
    writerStopped = true;
    log.error("the store writer stopped on {}: every push now gets 503 and /-/ready fails; restart the exporter",
        e.getClass().getName());
    StoreUnavailableException failure = writerHasStopped();
    group.forEach(unit -> unit.write.fail(failure));
    List<Unit<?>> queued = new ArrayList<>();
    queue.drainTo(queued);
    queued.forEach(unit -> unit.write.fail(failure));
  }

  private static StoreUnavailableException writerHasStopped() {
    return new StoreUnavailableException("the store writer has stopped (the exporter log says why); restart the exporter", null);
  }

  /** {@code seconds} is told how long each group commit that succeeds took (on the writer thread: it must be quick). */
  public void observeCommits(DoubleConsumer seconds) {
    commitSeconds = seconds;
  }

  /** Group commits that failed since start; none of their units was acknowledged. */
  public long failedCommits() {
    return failedCommits.get();
  }

  /**
   * Why writes cannot succeed now, whatever is pushed: the writer thread has stopped, or the store file is no
   * longer the one the next start opens. Empty while writes can succeed.
   */
  public Optional<String> fault() {
    if (writerStopped || !writer.isAlive()) {
      return Optional.of("the store writer has stopped");
    }
    return store.fault();
  }

  /** False while {@link #fault()} says why, and from a failed commit until the next one succeeds. */
  public boolean healthy() {
    return !failing && fault().isEmpty();
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

  private record Unit<T>(Work<T> work, int reports, Write<T> write) {}
}
